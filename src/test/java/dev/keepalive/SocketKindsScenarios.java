package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.testing.AcceptQueue;
import dev.keepalive.testing.Bystanders;
import dev.keepalive.testing.DelegatingServerSocket;
import dev.keepalive.testing.DelegatingSocket;
import dev.keepalive.testing.JdkView;
import dev.keepalive.testing.OpenSockets;
import dev.keepalive.testing.Scenarios;
import dev.keepalive.testing.Scenarios.Scenario;
import dev.keepalive.testing.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import jdk.net.ExtendedSocketOptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Sockets whose connection is not their own {@code Socket} implementation: TLS sockets layered over another
 * socket (as STARTTLS and proxies make them), wrappers that delegate to another socket, and server sockets
 * that accept into such sockets. Every value is read back through the JDK's options of the socket the
 * connection really lives on; no other socket may change and no socket may be opened by the library. Run by
 * {@link SocketKindsIT} with and without {@code --add-opens}.
 */
public final class SocketKindsScenarios {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final KeepAlive SETTINGS = KeepAlive.builder().idle(Duration.ofSeconds(17))
            .interval(Duration.ofSeconds(4)).probes(5).build();
    private static final KeepAlive EXPECTED = SETTINGS.toBuilder().enabled(true).build();
    private static final KeepAlive SECOND = KeepAlive.builder().idle(Duration.ofSeconds(52))
            .interval(Duration.ofSeconds(11)).probes(6).build();
    private static final String NATIVE = "native handle";
    private static final String JDK = "JDK socket options";

    private SocketKindsScenarios() {
    }

    /** Every scenario by name. */
    static Map<String, Scenario> all() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("a TLS socket layered over a plain socket", SocketKindsScenarios::layeredOverPlainSocket);
        all.put("a TLS socket layered over a channel's socket", SocketKindsScenarios::layeredOverChannelSocket);
        all.put("a TLS socket layered over a layered TLS socket", SocketKindsScenarios::layeredTwoDeep);
        all.put("a TLS socket made directly", SocketKindsScenarios::directTlsSocket);
        all.put("a socket that delegates to another socket", SocketKindsScenarios::delegatingSocket);
        all.put("a layered TLS socket whose socket underneath is closed", SocketKindsScenarios::layeredOverClosed);
        all.put("a layered TLS socket that does not close the socket underneath",
                SocketKindsScenarios::layeredWithoutAutoClose);
        all.put("AcceptedSockets with a TLS server socket", SocketKindsScenarios::acceptFromTlsServerSocket);
        all.put("AcceptedSockets with a server socket that returns delegating sockets",
                SocketKindsScenarios::acceptIntoDelegatingSockets);
        all.put("AcceptedSockets.copy onto a delegating socket", SocketKindsScenarios::copyOntoDelegatingSocket);
        all.put("a server socket subclass", SocketKindsScenarios::serverSocketSubclass);
        all.put("a server socket that delegates to another server socket",
                SocketKindsScenarios::delegatingServerSocket);
        all.put("the capability report names what this JVM keeps from the library",
                SocketKindsScenarios::capabilityNotes);
        return all;
    }

    public static void main(String[] args) {
        Scenarios.main(all());
    }

    private static final class Keys {
        static final Tls TLS = create();

        private static Tls create() {
            try {
                return Tls.create();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the throwaway TLS key", e);
            }
        }
    }

    private static void layeredOverPlainSocket() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer(); Socket plain = new Socket(LOOPBACK, server.port())) {
            server.awaitAccepted(1);
            Set<String> sockets = OpenSockets.now();
            SSLSocket tls = layer(plain, server.port(), true);
            Bystanders others = Bystanders.open(0).watch("server's end", server.accepted().getFirst()).snapshot();

            SocketKeepAlive view = SocketKeepAlive.of(tls);
            KeepAlive applied = view.apply(SETTINGS);

            assertThat(JdkView.of(plain)).as("the socket underneath, read by the JDK").isEqualTo(EXPECTED);
            assertThat(JdkView.jdkFields(applied)).isEqualTo(EXPECTED);
            assertThat(JdkView.jdkFields(view.current())).isEqualTo(EXPECTED);
            assertLayeredAccess(view);
            assertThat(OpenSockets.now()).as("no socket opened").isEqualTo(sockets);
            others.assertUnchanged();
            exchange(tls);
            tls.close();
            assertThat(plain.isClosed()).as("autoClose closes the socket underneath").isTrue();
        }
    }

    private static void layeredOverChannelSocket() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer();
             SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, server.port()))) {
            server.awaitAccepted(1);
            Set<String> sockets = OpenSockets.now();
            SSLSocket tls = layer(channel.socket(), server.port(), true);

            SocketKeepAlive view = SocketKeepAlive.of(tls);
            view.apply(SETTINGS);

            assertThat(JdkView.of(channel.socket())).as("the channel, read by the JDK").isEqualTo(EXPECTED);
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(17);
            assertThat(view.access()).isEqualTo(Scenarios.opened() ? NATIVE : JDK);
            assertThat(OpenSockets.now()).as("no socket opened").isEqualTo(sockets);
            exchange(tls);
            tls.close();
        }
    }

    private static void layeredTwoDeep() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer(); Socket plain = new Socket(LOOPBACK, server.port())) {
            server.awaitAccepted(1);
            Set<String> sockets = OpenSockets.now();
            SSLSocket inner = layer(plain, server.port(), true);
            SSLSocket outer = layer(inner, server.port(), true);

            SocketKeepAlive view = SocketKeepAlive.of(outer);
            view.apply(SETTINGS);

            assertThat(JdkView.of(plain)).as("the socket two layers down, read by the JDK").isEqualTo(EXPECTED);
            assertLayeredAccess(view);
            assertThat(OpenSockets.now()).as("no socket opened").isEqualTo(sockets);
        }
    }

    private static void directTlsSocket() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer();
             SSLSocket tls = (SSLSocket) Keys.TLS.clientFactory().createSocket(LOOPBACK, server.port())) {
            server.awaitAccepted(1);
            Bystanders others = Bystanders.open(0).watch("server's end", server.accepted().getFirst()).snapshot();

            SocketKeepAlive view = SocketKeepAlive.of(tls);
            view.apply(SETTINGS);

            assertThat(JdkView.of(tls)).as("the TLS socket's own connection, read by the JDK").isEqualTo(EXPECTED);
            assertThat(view.access()).isEqualTo(Scenarios.opened() ? NATIVE : JDK);
            others.assertUnchanged();
            exchange(tls);
        }
    }

    private static void delegatingSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, LOOPBACK);
             Socket inner = new Socket(LOOPBACK, server.getLocalPort());
             Socket peer = server.accept()) {
            Set<String> sockets = OpenSockets.now();
            DelegatingSocket wrapper = new DelegatingSocket(inner);
            Bystanders others = Bystanders.open(0).watch("peer", peer).snapshot();

            SocketKeepAlive view = SocketKeepAlive.of(wrapper);
            KeepAlive applied = view.apply(SETTINGS);

            assertThat(JdkView.of(inner)).as("the wrapped socket, read by the JDK").isEqualTo(EXPECTED);
            assertThat(JdkView.jdkFields(applied)).isEqualTo(EXPECTED);
            assertThat(view.access()).as("says it uses the wrapper's own options")
                    .startsWith(JDK).contains(DelegatingSocket.class.getName());
            assertThat(OpenSockets.now()).as("no socket opened, not even the wrapper's own").isEqualTo(sockets);
            others.assertUnchanged();
            wrapper.close();
            assertFailsAsClosed(() -> view.setEnabled(false));
        }
    }

    private static void layeredOverClosed() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer(); Socket plain = new Socket(LOOPBACK, server.port())) {
            server.awaitAccepted(1);
            SSLSocket tls = layer(plain, server.port(), true);
            SocketKeepAlive view = SocketKeepAlive.of(tls);
            plain.close();
            try (Bystanders others = Bystanders.open(8)) {
                others.snapshot(); // sockets that may have the released number; the server's end closes by itself
                assertThat(tls.isClosed()).as("the premise: the TLS socket says open").isFalse();
                assertThatThrownBy(() -> tls.getOption(StandardSocketOptions.SO_KEEPALIVE)).as("the JDK's own call")
                        .isExactlyInstanceOf(SocketException.class);
                assertFailsAsClosed(() -> view.apply(SETTINGS));
                assertFailsAsClosed(view::current);
                assertFailsAsClosed(() -> SocketKeepAlive.of(tls).setEnabled(true));
                others.assertUnchanged();
            }
        }
    }

    private static void layeredWithoutAutoClose() throws Exception {
        try (Tls.EchoServer server = Keys.TLS.echoServer(); Socket plain = new Socket(LOOPBACK, server.port())) {
            server.awaitAccepted(1);
            SSLSocket tls = layer(plain, server.port(), false);
            SocketKeepAlive view = SocketKeepAlive.of(tls);
            view.apply(SETTINGS);
            assertThat(JdkView.of(plain)).isEqualTo(EXPECTED);
            exchange(tls);

            tls.close();
            assertThat(plain.isClosed()).as("the premise: without autoClose the socket underneath stays open")
                    .isFalse();
            tls.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 7);
            assertThat(plain.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                    .as("the premise: the JDK still hands the TLS socket's options to the socket underneath")
                    .isEqualTo(7);
            view.setProbes(8);
            assertThat(plain.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).as("the view does as the JDK does")
                    .isEqualTo(8);
            SocketKeepAlive.of(plain).setIdle(Duration.ofSeconds(23));
            assertThat(plain.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(23);
        }
    }

    private static void acceptFromTlsServerSocket() throws Exception {
        try (SSLServerSocket listener = Keys.TLS.serverSocket()) {
            SocketKeepAlive view = SocketKeepAlive.of(listener);
            if (Scenarios.opened()) {
                assertThat(view.access()).isEqualTo(NATIVE);
                view.apply(SETTINGS);
            }
            try (Socket client = new Socket(LOOPBACK, listener.getLocalPort())) {
                AcceptQueue.awaitPending(listener.getLocalPort());
                if (Scenarios.opened()) {
                    view.apply(SECOND); // the queued connection was made with SETTINGS: only a copy gives it SECOND
                }
                try (Socket accepted = AcceptedSockets.accept(listener, false)) {
                    assertThat(accepted).isInstanceOf(SSLSocket.class);
                    assertThat(JdkView.of(accepted)).isEqualTo(Scenarios.opened()
                            ? SECOND.toBuilder().enabled(true).build() : JdkView.of(client));
                    assertThat(JdkView.of(client).enabled()).as("the client is left alone").isFalse();
                }
            }
        }
    }

    private static void acceptIntoDelegatingSockets() throws Exception {
        try (WrappingServer listener = new WrappingServer()) {
            SocketKeepAlive view = SocketKeepAlive.of(listener);
            if (Scenarios.opened()) {
                assertThat(view.access()).isEqualTo(NATIVE);
                view.apply(SETTINGS);
            }
            try (Socket client = new Socket(LOOPBACK, listener.getLocalPort())) {
                AcceptQueue.awaitPending(listener.getLocalPort());
                if (Scenarios.opened()) {
                    view.apply(SECOND);
                }
                Set<String> sockets = OpenSockets.now();
                try (Socket accepted = AcceptedSockets.accept(listener, false)) {
                    assertThat(accepted).isInstanceOf(DelegatingSocket.class);
                    assertThat(JdkView.of(accepted)).isEqualTo(Scenarios.opened()
                            ? SECOND.toBuilder().enabled(true).build() : JdkView.of(client));
                    assertThat(OpenSockets.now()).as("only the accepted connection opened")
                            .hasSize(sockets.size() + 1).containsAll(sockets);
                }
            }
        }
    }

    private static void copyOntoDelegatingSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, LOOPBACK);
             Socket source = new Socket(LOOPBACK, server.getLocalPort());
             Socket target = server.accept()) {
            SocketKeepAlive.of(source).apply(SETTINGS);
            DelegatingSocket wrapper = new DelegatingSocket(target);

            KeepAlive copied = AcceptedSockets.copy(SocketKeepAlive.of(source), SocketKeepAlive.of(wrapper));

            assertThat(JdkView.jdkFields(copied)).isEqualTo(EXPECTED);
            assertThat(JdkView.of(target)).as("the wrapped socket, read by the JDK").isEqualTo(EXPECTED);
        }
    }

    private static void serverSocketSubclass() throws Exception {
        try (WrappingServer listener = new WrappingServer()) {
            SocketKeepAlive view = SocketKeepAlive.of(listener);
            // without the JVM flags, through the JDK's options, which offer the times on a listening socket
            assertThat(view.access()).isEqualTo(Scenarios.opened() ? NATIVE : JDK);
            view.apply(SETTINGS);
            try (Socket client = new Socket(LOOPBACK, listener.getLocalPort());
                 Socket accepted = AcceptedSockets.accept(listener)) {
                assertThat(JdkView.of(accepted)).as("the accepted socket holds the listener's settings")
                        .isEqualTo(EXPECTED);
            }
        }
    }

    private static void delegatingServerSocket() throws Exception {
        try (ServerSocket inner = new ServerSocket(0, 8, LOOPBACK)) {
            Set<String> sockets = OpenSockets.now();
            DelegatingServerSocket wrapper = new DelegatingServerSocket(inner);
            SocketKeepAlive view = SocketKeepAlive.of(wrapper);
            assertThat(view.access()).startsWith(JDK).contains(DelegatingServerSocket.class.getName());
            // through the wrapper's own options, which it hands to the listener it wraps
            view.apply(SETTINGS);
            assertThat(OpenSockets.now()).as("no socket opened, not even the wrapper's own").isEqualTo(sockets);
            assertThat(inner.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).as("the wrapped listener, read by the JDK")
                    .isEqualTo((int) SETTINGS.idle().orElseThrow().toSeconds());
            assertThatThrownBy(() -> view.setUserTimeout(Duration.ofSeconds(5)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(DelegatingServerSocket.class.getName());
        }
    }

    private static void capabilityNotes() {
        Capabilities capabilities = SocketKeepAlive.capabilities();
        List<String> notes = capabilities.notes();
        assertThat(notes).anyMatch(note -> note.startsWith("Socket and ServerSocket subclasses that override"));
        if (!Scenarios.opened()) {
            assertThat(capabilities.socketAccess()).isEqualTo(JDK);
            assertThat(notes).anyMatch(note -> note.contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED"))
                    .noneMatch(note -> note.contains("BaseSSLSocketImpl"));
        } else if (Scenarios.tlsOpened()) {
            assertThat(capabilities.socketAccess()).isEqualTo(NATIVE);
            assertThat(notes).noneMatch(note -> note.contains("cannot be reached"));
        } else {
            assertThat(capabilities.socketAccess()).isEqualTo(NATIVE);
            assertThat(notes).as("the missing handle, and only the socket kind it costs, are named")
                    .anyMatch(note -> note.startsWith("a TLS socket layered over another socket")
                            && note.contains("sun.security.ssl.BaseSSLSocketImpl.self cannot be reached")
                            && note.contains("--add-opens java.base/sun.security.ssl=ALL-UNNAMED"))
                    .noneMatch(note -> note.contains("JDK sockets are reached through the JDK's socket options"));
        }
    }

    /** How a TLS socket layered over a plain socket is reached on this JVM's flags. */
    private static void assertLayeredAccess(SocketKeepAlive view) {
        if (!Scenarios.opened()) {
            assertThat(view.access()).isEqualTo(JDK);
        } else if (Scenarios.tlsOpened()) {
            assertThat(view.access()).isEqualTo(NATIVE);
        } else {
            assertThat(view.access()).startsWith(JDK + " (").contains("--add-opens java.base/sun.security.ssl=");
        }
    }

    private static SSLSocket layer(Socket socket, int port, boolean autoClose) throws IOException {
        return (SSLSocket) Keys.TLS.clientFactory().createSocket(socket, "localhost", port, autoClose);
    }

    /** A TLS 1.3 handshake and one message echoed back. */
    private static void exchange(SSLSocket tls) throws IOException {
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
        byte[] message = "keep-alive under TLS\n".getBytes(StandardCharsets.US_ASCII);
        tls.getOutputStream().write(message);
        tls.getOutputStream().flush();
        assertThat(tls.getInputStream().readNBytes(message.length)).isEqualTo(message);
    }

    private static void assertFailsAsClosed(ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(SocketException.class).hasMessageContaining("closed");
    }

    /** A server socket whose {@code accept} wraps each connection, and which leaves its options to the JDK. */
    private static final class WrappingServer extends ServerSocket {
        WrappingServer() throws IOException {
            super(0, 8, LOOPBACK);
        }

        @Override
        public Socket accept() throws IOException {
            return new DelegatingSocket(super.accept());
        }
    }
}
