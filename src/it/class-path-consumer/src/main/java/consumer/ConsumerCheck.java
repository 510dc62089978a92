package consumer;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.net.ExtendedSocketOptions;

/**
 * Uses the installed library the way its users do, on real loopback connections, and reads every value back
 * through the JDK's own socket options ({@code SO_KEEPALIVE}, {@code jdk.net.ExtendedSocketOptions}), never
 * through the library. Its one argument says how the library is meant to be loaded: {@code module-path} or
 * {@code class-path}. Prints what it saw and exits with 1 when anything differs from what was asked.
 */
public final class ConsumerCheck {

    private static final KeepAlive SETTINGS = KeepAlive.builder().idle(Duration.ofSeconds(47))
            .interval(Duration.ofSeconds(9)).probes(6).build();
    private static final JdkView EXPECTED = new JdkView(true, 47, 9, 6);

    private final List<String> failures = new ArrayList<>();

    private ConsumerCheck() {
    }

    /** What the JDK reads from a socket: SO_KEEPALIVE, TCP_KEEPIDLE (s), TCP_KEEPINTERVAL (s), TCP_KEEPCOUNT. */
    private record JdkView(boolean enabled, int idle, int interval, int probes) {

        static JdkView of(SocketChannel channel) throws IOException {
            return new JdkView(channel.getOption(StandardSocketOptions.SO_KEEPALIVE),
                    channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE),
                    channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                    channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }

        static JdkView of(Socket socket) throws IOException {
            return new JdkView(socket.getOption(StandardSocketOptions.SO_KEEPALIVE),
                    socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE),
                    socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                    socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !List.of("module-path", "class-path").contains(args[0])) {
            throw new IllegalArgumentException("usage: ConsumerCheck module-path|class-path");
        }
        ConsumerCheck check = new ConsumerCheck();
        check.loadedFrom(args[0]);
        check.socketChannel();
        check.acceptedSocket();
        if (!check.failures.isEmpty()) {
            check.failures.forEach(failure -> System.out.println("FAILED: " + failure));
            System.exit(1);
        }
        System.out.println("consumer check passed: " + args[0]);
    }

    private void loadedFrom(String path) {
        Module library = SocketKeepAlive.class.getModule();
        String seen = library.isNamed() ? "module-path (module " + library.getName() + ")" : "class-path";
        System.out.println("library loaded from the " + seen);
        boolean right = path.equals("module-path")
                ? "dev.keepalive".equals(library.getName()) && ConsumerCheck.class.getModule().isNamed()
                : !library.isNamed() && !ConsumerCheck.class.getModule().isNamed();
        expect(right, "the library should be loaded from the " + path + ", was " + seen);
    }

    private void socketChannel() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            JdkView before = JdkView.of(client);
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            keepAlive.apply(SETTINGS);
            JdkView after = JdkView.of(client);
            report("SocketChannel", keepAlive, before, after);

            keepAlive.setEnabled(false);
            boolean enabled = client.getOption(StandardSocketOptions.SO_KEEPALIVE);
            System.out.println("SocketChannel: SO_KEEPALIVE after setEnabled(false): " + enabled);
            expect(!enabled, "SocketChannel: SO_KEEPALIVE still on after setEnabled(false)");
        }
    }

    private void acceptedSocket() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            JdkView before = JdkView.of(accepted);
            SocketKeepAlive keepAlive = SocketKeepAlive.of(accepted);
            keepAlive.apply(SETTINGS);
            report("accepted Socket", keepAlive, before, JdkView.of(accepted));
        }
    }

    private void report(String socket, SocketKeepAlive keepAlive, JdkView before, JdkView after) {
        System.out.println(socket + ": reached through " + keepAlive.access() + "; JDK reads before " + before
                + ", after " + after);
        expect(!before.equals(EXPECTED), socket + ": the values were already " + EXPECTED
                + " before applying, so this check would prove nothing");
        expect(after.equals(EXPECTED), socket + ": the JDK reads " + after + ", expected " + EXPECTED);
        expect(String.valueOf(keepAlive.access()).equals("native handle"),
                socket + ": reached through " + keepAlive.access() + ", expected the native handle");
    }

    private void expect(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
        }
    }
}
