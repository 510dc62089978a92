package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.testing.AcceptQueue;
import dev.keepalive.testing.JdkView;
import dev.keepalive.testing.Settings;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The copy of a listener's settings onto accepted sockets, run on Linux through the same code that runs where
 * the OS does not inherit them, and through Linux's own. Linux makes each connection from the listener when
 * the handshake completes, so the tests wait until the connection sits in the accept queue with the
 * listener's first settings, then change the listener: the accepted socket must have the second settings,
 * the listener's at accept time, on both paths (one rule on every OS).
 */
@EnabledOnOs(OS.LINUX)
class AcceptedSocketsIT {

    private static final KeepAlive FIRST = Settings.WANTED;
    private static final KeepAlive SECOND = KeepAlive.builder().idle(Duration.ofSeconds(52))
            .interval(Duration.ofSeconds(11)).probes(6).userTimeout(Duration.ofMillis(23_456)).build();

    private static KeepAlive readByJdk(Socket socket) throws Exception {
        return KeepAlive.builder()
                .enabled(socket.getKeepAlive())
                .idle(Duration.ofSeconds(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)))
                .interval(Duration.ofSeconds(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                .probes(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                .build();
    }

    private static ServerSocketChannel listen(String address) throws Exception {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    }

    private static int port(NetworkChannel channel) throws Exception {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void whereTheOsDoesNotInheritTheListenersSettingsAreCopiedAtAccept(String address) throws Exception {
        try (ServerSocketChannel server = listen(address)) {
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            listener.apply(FIRST);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                AcceptQueue.awaitPending(port(server));
                listener.apply(SECOND);
                try (SocketChannel accepted = AcceptedSockets.accept(server, false)) {
                    assertThat(JdkView.of(accepted)).isEqualTo(SECOND);
                    assertThat(JdkView.of(client).enabled()).isFalse();
                }
            }
        }
    }

    @Test
    void whereTheOsInheritsAtTheHandshakeAChangeWhileTheConnectionWaitsIsFollowedToo() throws Exception {
        try (ServerSocketChannel server = listen("127.0.0.1")) {
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            listener.apply(FIRST);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                AcceptQueue.awaitPending(port(server));
                listener.apply(SECOND);
                try (SocketChannel waited = server.accept()) {
                    assertThat(JdkView.of(waited)).as("the kernel's copy, made at the handshake").isEqualTo(FIRST);
                }
            }
            listener.apply(FIRST);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                AcceptQueue.awaitPending(port(server));
                listener.apply(SECOND);
                try (SocketChannel accepted = AcceptedSockets.accept(server, true)) {
                    assertThat(JdkView.of(accepted)).isEqualTo(SECOND);
                }
            }
        }
    }

    @Test
    void onLinuxThePublicAcceptGivesTheListenersSettingsAtAcceptTime() throws Exception {
        assertThat(AcceptedSockets.inheritedByOs()).isTrue();
        try (ServerSocketChannel server = listen("127.0.0.1")) {
            SocketKeepAlive.of(server).apply(FIRST);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = AcceptedSockets.accept(server)) {
                assertThat(JdkView.of(accepted)).isEqualTo(FIRST);
            }
        }
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            listener.apply(FIRST);
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                AcceptQueue.awaitPending(server.getLocalPort());
                listener.apply(SECOND);
                try (Socket accepted = AcceptedSockets.accept(server)) {
                    assertThat(SocketKeepAlive.of(accepted).current()).isEqualTo(SECOND);
                    assertThat(readByJdk(accepted)).isEqualTo(KeepAlive.builder().idle(SECOND.idle().orElseThrow())
                            .interval(SECOND.interval().orElseThrow()).probes(SECOND.probes().orElseThrow()).build());
                }
            }
        }
    }

    @Test
    void aServerSocketsSettingsAreCopiedAtAccept() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            listener.apply(FIRST);
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                AcceptQueue.awaitPending(server.getLocalPort());
                listener.apply(SECOND);
                try (Socket accepted = AcceptedSockets.accept(server, false)) {
                    assertThat(readByJdk(accepted)).isEqualTo(KeepAlive.builder().idle(SECOND.idle().orElseThrow())
                            .interval(SECOND.interval().orElseThrow()).probes(SECOND.probes().orElseThrow()).build());
                    assertThat(SocketKeepAlive.of(accepted).current()).isEqualTo(SECOND);
                }
            }
        }
    }

    @Test
    void copyWorksOnAnyPairOfSockets() throws Exception {
        try (ServerSocketChannel server = listen("127.0.0.1");
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive.of(server).apply(SECOND);
            KeepAlive copied = AcceptedSockets.copy(SocketKeepAlive.of(server), SocketKeepAlive.of(accepted));
            assertThat(copied).isEqualTo(SECOND);
            assertThat(JdkView.of(accepted)).isEqualTo(SECOND);
        }
    }

    @Test
    void aNonBlockingListenerWithNothingPendingGivesNull() throws Exception {
        try (ServerSocketChannel server = listen("127.0.0.1")) {
            server.configureBlocking(false);
            assertThat(AcceptedSockets.accept(server, false)).isNull();
        }
    }

    @Test
    void whenTheCopyFailsTheAcceptedSocketIsClosed(@TempDir Path temp) throws Exception {
        // a Unix-domain listener has no TCP options: reading them fails, as a refused option would
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(temp.resolve("listener.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address);
             Selector selector = Selector.open()) {
            assertThatThrownBy(() -> AcceptedSockets.accept(server, false))
                    .isInstanceOf(SocketOptionException.class)
                    .satisfies(e -> assertThat(((SocketOptionException) e).errorName()).isEqualTo("EOPNOTSUPP"));
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ);
            assertThat(selector.select(5_000)).as("the client sees its peer go within 5 s").isEqualTo(1);
            assertThat(client.read(ByteBuffer.allocate(1))).as("end of stream: the accepted end was closed")
                    .isEqualTo(-1);
        }
    }

    @Test
    void closedListenersAndNullsFailAsTheJdkDoes() throws Exception {
        ServerSocketChannel closedChannel = listen("127.0.0.1");
        closedChannel.close();
        assertThatThrownBy(() -> AcceptedSockets.accept(closedChannel, false))
                .isInstanceOf(ClosedChannelException.class);
        ServerSocket closedSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closedSocket.close();
        assertThatThrownBy(() -> AcceptedSockets.accept(closedSocket, false))
                .isInstanceOf(java.net.SocketException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> AcceptedSockets.accept((ServerSocketChannel) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("listener");
        assertThatThrownBy(() -> AcceptedSockets.accept((ServerSocket) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("listener");
        try (ServerSocketChannel server = listen("127.0.0.1")) {
            SocketKeepAlive view = SocketKeepAlive.of(server);
            assertThatThrownBy(() -> AcceptedSockets.copy(null, view)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> AcceptedSockets.copy(view, null)).isInstanceOf(NullPointerException.class);
        }
    }
}
