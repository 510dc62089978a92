package dev.keepalive.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP proxy that answers {@code CONNECT host:port} and then relays bytes both ways, as the proxies
 * that {@code new Socket(new Proxy(Proxy.Type.HTTP, ...))} talks to do. It listens on the loopback address and
 * only ever connects to loopback targets; any other target gets {@code 403}. Every socket it opens is kept, so
 * that a test can check that none of them was touched.
 */
public final class ConnectProxy implements AutoCloseable {

    private static final int MAX_TUNNELS = 8;
    private static final int MAX_HEADER = 8192;

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private ConnectProxy(ServerSocket listener) {
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().daemon().name("connect-proxy").unstarted(this::acceptLoop);
    }

    /** Starts a proxy on an ephemeral loopback port. */
    public static ConnectProxy start() throws IOException {
        ConnectProxy proxy = new ConnectProxy(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
        proxy.acceptor.start();
        return proxy;
    }

    /** Where the proxy listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Every socket the proxy opened: each tunnel's client side and its connection to the target. */
    public List<Socket> sockets() {
        return List.copyOf(sockets);
    }

    private void acceptLoop() {
        for (int tunnels = 0; tunnels < MAX_TUNNELS; tunnels++) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread.ofPlatform().daemon().name("connect-proxy-tunnel").start(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String request = readHeader(in);
            String[] words = request.lines().findFirst().orElse("").split(" ");
            if (words.length < 2 || !words[0].equals("CONNECT")) {
                reply(out, "405 Method Not Allowed");
                client.close();
                return;
            }
            int colon = words[1].lastIndexOf(':');
            String host = words[1].substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(words[1].substring(colon + 1));
            InetAddress target = InetAddress.getByName(host);
            if (!target.isLoopbackAddress()) {
                reply(out, "403 Forbidden");
                client.close();
                return;
            }
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(new InetSocketAddress(target, port), 5_000);
            reply(out, "200 Connection established");
            Thread.ofPlatform().daemon().name("connect-proxy-up").start(() -> relay(in, upstream));
            relay(upstream.getInputStream(), client);
        } catch (IOException | RuntimeException ended) {
            closeQuietly(client);
        }
    }

    /** Reads the request line and headers, up to the empty line. */
    private static String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && header.size() < MAX_HEADER) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before the end of its request");
            }
            header.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return header.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Copies until either side ends, then closes the destination. */
    private static void relay(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // either side closed
        } finally {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
