package dev.keepalive;

import static dev.keepalive.testing.Settings.WANTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.Access;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.JdkView;
import dev.keepalive.testing.Loopback;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real sockets on loopback: every value is first read as something else, then applied, then read back both
 * through the library and through the JDK's own {@code ExtendedSocketOptions}, an independent path.
 */
@EnabledOnOs(OS.LINUX)
class RoundTripIT {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void applyOnAChannelIsReadBackByTheJdk(String address) throws Exception {
        try (Loopback loopback = Loopback.open(address)) {
            SocketChannel channel = loopback.client;
            int fd = Descriptors.of(channel);
            KeepAlive initial = JdkView.of(channel, fd);
            assertThat(initial.enabled()).isFalse();
            assertThat(initial.idle()).isNotEqualTo(WANTED.idle());
            assertThat(initial.interval()).isNotEqualTo(WANTED.interval());
            assertThat(initial.probes()).isNotEqualTo(WANTED.probes());
            assertThat(initial.userTimeout()).isNotEqualTo(WANTED.userTimeout());

            SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
            assertThat(keepAlive.current()).isEqualTo(initial);
            KeepAlive applied = keepAlive.apply(WANTED);

            assertThat(applied).isEqualTo(WANTED);
            assertThat(JdkView.of(channel, fd)).isEqualTo(WANTED);
            assertThat(keepAlive.current()).isEqualTo(WANTED);
            assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void singleSettersChangeOnlyTheirOption(String address) throws Exception {
        try (Loopback loopback = Loopback.open(address)) {
            SocketChannel channel = loopback.client;
            SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
            keepAlive.setEnabled(true);
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            assertThat(keepAlive.isEnabled()).isTrue();
            keepAlive.setIdle(Duration.ofMillis(2500));
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(3);
            keepAlive.setInterval(Duration.ofSeconds(9));
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(9);
            keepAlive.setProbes(2);
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(2);
            keepAlive.setUserTimeout(Duration.ofNanos(1));
            assertThat(Descriptors.getsockopt(Descriptors.of(channel), posix_h.IPPROTO_TCP(),
                    posix_h.TCP_USER_TIMEOUT())).isEqualTo(1);
            keepAlive.setEnabled(false);
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(3);
        }
    }

    @Test
    void absentFieldsAreLeftAsTheyWere() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            keepAlive.apply(WANTED);
            KeepAlive after = keepAlive.apply(KeepAlive.builder().probes(8).build());
            assertThat(after).isEqualTo(WANTED.toBuilder().probes(8).build());
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(31);
            KeepAlive off = keepAlive.apply(KeepAlive.builder().enabled(false).build());
            assertThat(off.enabled()).isFalse();
            assertThat(loopback.client.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void plainSocketsAreReachedThroughTheirDescriptor(String address) throws Exception {
        InetAddress loopback = InetAddress.getByName(address);
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket socket = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(socket);
            assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
            keepAlive.apply(WANTED);
            assertThat(socket.getKeepAlive()).isTrue();
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(31);
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(7);
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(4);
            assertThat(accepted.getKeepAlive()).as("the other end is untouched").isFalse();
        }
    }

    @Test
    void anUnconnectedSocketGetsItsNativeSocketCreated() throws Exception {
        try (Socket socket = new Socket()) {
            SocketKeepAlive.of(socket).apply(KeepAlive.builder().idle(Duration.ofSeconds(12)).build());
            assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(12);
            assertThat(socket.getKeepAlive()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aListeningChannelsSettingsAreInheritedByAcceptedSockets(String address) throws Exception {
        try (var server = java.nio.channels.ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName(address), 0))) {
            SocketKeepAlive.of(server).apply(WANTED);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                assertThat(JdkView.of(accepted)).isEqualTo(WANTED);
                assertThat(SocketKeepAlive.of(accepted).current()).isEqualTo(WANTED);
                assertThat(client.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
            }
        }
    }

    @Test
    void aListeningServerSocketsSettingsAreInheritedByAcceptedSockets() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketKeepAlive.of(server).apply(WANTED);
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                 Socket accepted = server.accept()) {
                assertThat(accepted.getKeepAlive()).isTrue();
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(31);
                assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(4);
            }
        }
    }

    @Test
    void aRawHandleIsUsedAsIs() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(Descriptors.of(loopback.accepted));
            keepAlive.apply(WANTED);
            assertThat(JdkView.of(loopback.accepted, Descriptors.of(loopback.accepted))).isEqualTo(WANTED);
        }
    }

    @Test
    void theChannelsOwnSocketAdaptorGoesThroughTheChannel() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive.of(loopback.client.socket()).setProbes(5);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(5);
        }
    }
}
