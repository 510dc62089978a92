import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.SocketOptions;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.net.ExtendedSocketOptions;

/**
 * An application that knows nothing of socket-keepalive (it is compiled and run with the JDK alone): it opens
 * the connections its arguments name, prints what the JDK's own socket options read back of each one's
 * keep-alive settings, prints the agent's MBean if there is one, then says READY and holds every connection
 * open until its standard input closes.
 *
 * <p>Each argument is {@code kind@host:port}, {@code unix}, or {@code wait} (says WAITING and reads a line from
 * its standard input before it goes on); each connection's line starts with its argument. Kinds that connect to
 * a server the caller runs (which echoes what it reads): {@code socket}, {@code socket-off} (then
 * {@code setKeepAlive(false)}), {@code socket-retune} (then idle 7200 s and 9 probes through the JDK's
 * options), {@code adaptor} (a channel's socket adaptor), {@code channel}, {@code channel-off},
 * {@code channel-retune} (then a 75 s interval), {@code nonblocking}, {@code async}, {@code custom} (a socket whose own implementation
 * refuses every option). Kinds that listen on the port themselves and connect to it once: {@code accept},
 * {@code accept-channel}, {@code accept-async}, {@code http} (the JDK's HttpClient against the JDK's
 * HttpServer).
 */
public class SocketsApp {

    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.equals("unix")) {
                unix();
                continue;
            }
            if (arg.equals("wait")) {
                System.out.println("WAITING");
                while (System.in.read() >= 0 && System.in.available() > 0) {
                    // the rest of the line
                }
                continue;
            }
            int at = arg.indexOf('@');
            int colon = arg.lastIndexOf(':');
            String kind = arg.substring(0, at);
            String label = arg;
            String host = arg.substring(at + 1, colon);
            int port = Integer.parseInt(arg.substring(colon + 1));
            InetSocketAddress address = new InetSocketAddress(host, port);
            switch (kind) {
                case "socket" -> report(label, keep(new Socket(host, port)));
                case "socket-off" -> {
                    Socket socket = keep(new Socket(host, port));
                    socket.setKeepAlive(false);
                    report(label, socket);
                }
                case "socket-retune" -> {
                    Socket socket = keep(new Socket(host, port));
                    socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 7200);
                    socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 9);
                    report(label, socket);
                }
                case "adaptor" -> {
                    SocketChannel channel = keep(SocketChannel.open());
                    channel.socket().connect(address, 5_000);
                    report(label, channel);
                }
                case "channel" -> report(label, keep(SocketChannel.open(address)));
                case "channel-off" -> {
                    SocketChannel channel = keep(SocketChannel.open(address));
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, false);
                    report(label, channel);
                }
                case "channel-retune" -> {
                    SocketChannel channel = keep(SocketChannel.open(address));
                    channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 75);
                    report(label, channel);
                }
                case "nonblocking" -> nonBlocking(label, address);
                case "async" -> {
                    AsynchronousSocketChannel channel = keep(AsynchronousSocketChannel.open());
                    channel.connect(address).get(5, TimeUnit.SECONDS);
                    report(label, channel);
                }
                case "custom" -> custom(label, address);
                case "accept" -> {
                    ServerSocket server = keep(new ServerSocket(port, 50, InetAddress.getByName(host)));
                    keep(new Socket(host, port));
                    report(label, keep(server.accept()));
                }
                case "accept-channel" -> {
                    ServerSocketChannel server = keep(ServerSocketChannel.open().bind(address));
                    keep(new Socket(host, port));
                    report(label, keep(server.accept()));
                }
                case "accept-async" -> {
                    AsynchronousServerSocketChannel server = keep(AsynchronousServerSocketChannel.open().bind(address));
                    keep(new Socket(host, port));
                    report(label, keep(server.accept().get(5, TimeUnit.SECONDS)));
                }
                case "http" -> http(label, address);
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
        printAgentBean();
        System.out.println("READY");
        awaitEndOfInput();
        for (AutoCloseable open : OPEN.reversed()) {
            open.close();
        }
        System.out.println("DONE");
        System.exit(0);
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        OPEN.add(resource);
        return resource;
    }

    private static void nonBlocking(String label, InetSocketAddress address) throws IOException {
        SocketChannel channel = keep(SocketChannel.open());
        channel.configureBlocking(false);
        boolean pending = !channel.connect(address);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!channel.finishConnect()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("not connected within 5 s");
                }
                selector.select(100);
            }
            channel.finishConnect(); // again, as applications do: it returns true and changes nothing
        }
        channel.configureBlocking(true);
        report(label, channel, " pending=" + pending);
    }

    private static void custom(String label, InetSocketAddress address) throws IOException {
        Socket socket = keep(new Socket(new RefusingSocketImpl()) { });
        socket.connect(address, 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(42);
        out.flush();
        int echoed = socket.getInputStream().read();
        System.out.println(label + " local=" + socket.getLocalPort() + " remote=" + socket.getPort()
                + " works=" + (echoed == 42));
    }

    private static void unix() throws IOException {
        Path path = Files.createTempDirectory("agent-app").resolve("socket");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        ServerSocketChannel server = keep(ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address));
        SocketChannel client = keep(SocketChannel.open(address));
        SocketChannel accepted = keep(server.accept());
        client.write(ByteBuffer.wrap(new byte[] {7}));
        ByteBuffer read = ByteBuffer.allocate(1);
        accepted.read(read);
        System.out.println("unix works=" + (read.get(0) == 7));
        Files.deleteIfExists(path);
        Files.deleteIfExists(path.getParent());
    }

    private static void http(String label, InetSocketAddress address) throws Exception {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        OPEN.add(() -> server.stop(0));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        OPEN.add(client);
        System.out.println(label + " status=" + response.statusCode() + " body=" + response.body());
    }

    private static void report(String label, Socket socket) throws IOException {
        System.out.println(label + " local=" + socket.getLocalPort() + " remote=" + socket.getPort()
                + " keepalive=" + socket.getOption(StandardSocketOptions.SO_KEEPALIVE)
                + " idle=" + socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)
                + " interval=" + socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)
                + " count=" + socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
    }

    private static void report(String label, NetworkChannel channel) throws IOException {
        report(label, channel, "");
    }

    private static void report(String label, NetworkChannel channel, String more) throws IOException {
        SocketAddress remote = channel instanceof SocketChannel c ? c.getRemoteAddress()
                : ((AsynchronousSocketChannel) channel).getRemoteAddress();
        System.out.println(label + " local=" + ((InetSocketAddress) channel.getLocalAddress()).getPort()
                + " remote=" + ((InetSocketAddress) remote).getPort()
                + " keepalive=" + channel.getOption(StandardSocketOptions.SO_KEEPALIVE)
                + " idle=" + channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)
                + " interval=" + channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)
                + " count=" + channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT) + more);
    }

    /**
     * The agent's MBean read through JMX alone, waiting up to 10 s for it where an agent was given or may have been
     * attached; "mbean none" without one.
     */
    private static void printAgentBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.keepalive:type=Agent");
        boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(option -> option.startsWith("-javaagent:")
                        || option.equals("-XX:+EnableDynamicAgentLoading"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent && !server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(name)) {
            System.out.println("mbean none");
            return;
        }
        StringBuilder line = new StringBuilder("mbean");
        for (String attribute : List.of("ConnectionsSeen", "SettingsApplied", "SkippedByRules", "Failed",
                "SettingsKept", "SocketAccess", "Policy", "InstrumentedClasses")) {
            Object value = server.getAttribute(name, attribute);
            line.append(' ').append(attribute).append('=')
                    .append(value instanceof String[] list ? String.join(",", list) : value);
        }
        System.out.println(line);
    }

    private static void awaitEndOfInput() throws IOException {
        InputStream in = System.in;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (in.read() < 0) {
                return;
            }
        }
    }

    /** A socket implementation of its own, over a platform socket, that refuses every socket option. */
    static final class RefusingSocketImpl extends SocketImpl {
        private final Socket inner = new Socket();

        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            connect(new InetSocketAddress(host, port), 0);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            connect(new InetSocketAddress(address, port), 0);
        }

        @Override
        protected void connect(SocketAddress remote, int timeout) throws IOException {
            inner.connect(remote, timeout);
            InetSocketAddress peer = (InetSocketAddress) remote;
            this.address = peer.getAddress();
            this.port = peer.getPort();
            this.localport = inner.getLocalPort();
        }

        @Override
        protected void bind(InetAddress host, int port) throws IOException {
            throw new SocketException("bind is not supported");
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw new SocketException("listen is not supported");
        }

        @Override
        protected void accept(SocketImpl socket) throws IOException {
            throw new SocketException("accept is not supported");
        }

        @Override
        protected InputStream getInputStream() throws IOException {
            return inner.getInputStream();
        }

        @Override
        protected OutputStream getOutputStream() throws IOException {
            return inner.getOutputStream();
        }

        @Override
        protected int available() throws IOException {
            return inner.getInputStream().available();
        }

        @Override
        protected void close() throws IOException {
            inner.close();
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new SocketException("urgent data is not supported");
        }

        @Override
        public void setOption(int option, Object value) throws SocketException {
            throw new SocketException("this socket takes no options (" + option + ")");
        }

        @Override
        public Object getOption(int option) throws SocketException {
            if (option == SocketOptions.SO_KEEPALIVE) {
                return Boolean.FALSE;
            }
            throw new SocketException("this socket has no option " + option);
        }

        @Override
        protected <T> void setOption(SocketOption<T> name, T value) throws IOException {
            throw new SocketException("this socket takes no options (" + name + ")");
        }
    }
}
