package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.testing.Bystanders;
import dev.keepalive.testing.ConnectProxy;
import dev.keepalive.testing.JdkView;
import dev.keepalive.testing.Scenarios;
import dev.keepalive.testing.Scenarios.Scenario;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A view made before the JDK changes what lies under a {@link Socket}: the JDK closes one implementation and
 * takes another (an HTTP proxy's tunnel, {@code implAccept}), or closes it after a failed connect while the
 * {@code Socket} may still say open. Each call must reach the connection the socket has now, or fail as on a
 * closed socket; and no other socket, which may have been given the released descriptor number, may change.
 * Run by {@link SocketLifecycleIT} with and without {@code --add-opens}.
 */
public final class SocketLifecycleScenarios {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final KeepAlive SETTINGS = KeepAlive.builder().idle(Duration.ofSeconds(777))
            .interval(Duration.ofSeconds(13)).probes(6).build();
    private static final KeepAlive EXPECTED = KeepAlive.builder().enabled(true).idle(Duration.ofSeconds(777))
            .interval(Duration.ofSeconds(13)).probes(6).build();

    private SocketLifecycleScenarios() {
    }

    /** Every scenario by name. */
    static Map<String, Scenario> all() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("a view made before connecting through an HTTP proxy sets the tunnelled connection",
                SocketLifecycleScenarios::httpProxy);
        all.put("after a failed connect the view fails as on a closed socket", () -> failedConnect(new Socket()));
        all.put("after a failed connect on a socket that still says open, the view fails as on a closed socket",
                SocketLifecycleScenarios::failedConnectOnASocketThatStaysOpen);
        all.put("a view made before implAccept sets the accepted connection", SocketLifecycleScenarios::implAccept);
        all.put("a closed channel's socket fails with the JDK's SocketException",
                SocketLifecycleScenarios::closedChannelSocket);
        all.put("a closed server channel's socket fails as the JDK does",
                SocketLifecycleScenarios::closedServerChannelSocket);
        return all;
    }

    public static void main(String[] args) {
        Scenarios.main(all());
    }

    private static void httpProxy() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start();
             ServerSocket target = new ServerSocket(0, 8, LOOPBACK);
             Socket socket = new Socket(new Proxy(Proxy.Type.HTTP, proxy.address()))) {
            SocketKeepAlive view = SocketKeepAlive.of(socket);
            socket.connect(new InetSocketAddress(LOOPBACK, target.getLocalPort()), 10_000);
            try (Socket accepted = target.accept(); Bystanders others = Bystanders.open(8)) {
                others.watch("target's end", accepted).watch("proxy", proxy.sockets()).snapshot();

                KeepAlive applied = view.apply(SETTINGS);

                assertThat(JdkView.of(socket)).as("the tunnelled connection, read by the JDK").isEqualTo(EXPECTED);
                assertThat(JdkView.jdkFields(applied)).isEqualTo(EXPECTED);
                others.assertUnchanged();
                socket.getOutputStream().write(42);
                assertThat(accepted.getInputStream().read()).as("the tunnel still carries data").isEqualTo(42);
            }
        }
    }

    private static void failedConnectOnASocketThatStaysOpen() throws Exception {
        StaysOpenAfterFailedConnect socket = new StaysOpenAfterFailedConnect();
        failedConnect(socket);
        assertThat(socket.isClosed()).as("the premise: the Socket still says open").isFalse();
        socket.reallyClose();
    }

    /**
     * Connects to a port nobody listens on, then opens sockets that may take the released number and calls
     * the view: every call fails as the JDK's own calls on that socket do.
     */
    private static void failedConnect(Socket socket) throws Exception {
        SocketKeepAlive view = SocketKeepAlive.of(socket);
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(LOOPBACK, unusedPort()), 10_000))
                .isInstanceOf(ConnectException.class);
        try (Bystanders others = Bystanders.open(8)) {
            others.snapshot();
            assertThatThrownBy(() -> socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true))
                    .as("the JDK's own call").isExactlyInstanceOf(SocketException.class);
            assertFailsAsClosed(() -> view.setEnabled(true));
            assertFailsAsClosed(() -> view.setIdle(Duration.ofSeconds(777)));
            assertFailsAsClosed(() -> view.apply(SETTINGS));
            assertFailsAsClosed(view::isEnabled);
            assertFailsAsClosed(view::current);
            assertFailsAsClosed(() -> SocketKeepAlive.of(socket).setEnabled(true));
            others.assertUnchanged();
        }
    }

    private static void implAccept() throws Exception {
        try (AcceptingServer server = new AcceptingServer(); Socket into = new Socket()) {
            SocketKeepAlive view = SocketKeepAlive.of(into);
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
                server.acceptInto(into);
                try (Bystanders others = Bystanders.open(8)) {
                    others.watch("client", client).snapshot();

                    view.apply(SETTINGS);

                    assertThat(JdkView.of(into)).as("the accepted connection, read by the JDK").isEqualTo(EXPECTED);
                    others.assertUnchanged();
                    client.getOutputStream().write(7);
                    assertThat(into.getInputStream().read()).as("the accepted connection carries data").isEqualTo(7);
                }
            }
        }
    }

    private static void closedChannelSocket() throws Exception {
        SocketChannel channel = SocketChannel.open();
        Socket socket = channel.socket();
        SocketKeepAlive socketView = SocketKeepAlive.of(socket);
        SocketKeepAlive channelView = SocketKeepAlive.of(channel);
        channel.close();
        assertThatThrownBy(() -> socket.setKeepAlive(true)).as("the JDK's own call")
                .isExactlyInstanceOf(SocketException.class).hasMessage("Socket is closed");
        for (ThrowingCallable call : new ThrowingCallable[] {() -> socketView.setEnabled(true),
                socketView::current, () -> socketView.apply(SETTINGS), () -> SocketKeepAlive.of(socket).isEnabled()}) {
            assertThatThrownBy(call).isExactlyInstanceOf(SocketException.class).hasMessage("Socket is closed");
        }
        assertThatThrownBy(() -> channelView.setEnabled(true)).isExactlyInstanceOf(ClosedChannelException.class);
    }

    private static void closedServerChannelSocket() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        ServerSocket socket = channel.socket();
        SocketKeepAlive socketView = SocketKeepAlive.of(socket);
        channel.close();
        assertThatThrownBy(() -> socket.setReceiveBufferSize(4096)).as("the JDK's own call")
                .isExactlyInstanceOf(SocketException.class).hasMessage("Socket is closed");
        // on the JDK's options too, where a listening socket's keep-alive switch is only remembered
        assertThatThrownBy(() -> socketView.setEnabled(true)).isExactlyInstanceOf(SocketException.class)
                .hasMessage("Socket is closed");
        assertThatThrownBy(() -> SocketKeepAlive.of(socket).current())
                .isExactlyInstanceOf(SocketException.class).hasMessage("Socket is closed");
    }

    private static void assertFailsAsClosed(ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(SocketException.class).hasMessageContaining("closed");
    }

    /** A loopback port that was just free: bound, then released. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /** A server socket that accepts into a socket the caller made, through {@link ServerSocket#implAccept}. */
    private static final class AcceptingServer extends ServerSocket {
        AcceptingServer() throws IOException {
            super(0, 8, LOOPBACK);
        }

        void acceptInto(Socket socket) throws IOException {
            implAccept(socket);
        }
    }

    /**
     * A socket that stays open when its connect fails, as every {@code Socket} did before JDK 24: the JDK closes
     * the socket's implementation (and so its descriptor), but {@code close()} here ignores the connect's own
     * call, so {@code isClosed()} stays {@code false}.
     */
    private static final class StaysOpenAfterFailedConnect extends Socket {
        private boolean connecting;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            connecting = true;
            try {
                super.connect(endpoint, timeout);
            } finally {
                connecting = false;
            }
        }

        @Override
        public void close() throws IOException {
            if (!connecting) {
                super.close();
            }
        }

        void reallyClose() throws IOException {
            super.close();
        }
    }
}
