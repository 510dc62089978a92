package dev.keepalive.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;

/**
 * Sockets that a test must leave alone, and their keep-alive options read through the JDK's own options. Opening
 * new sockets right after the JDK released a descriptor gives them the released number (POSIX hands out the
 * lowest free one), so a library that still held that number would change one of them.
 */
public final class Bystanders implements AutoCloseable {

    /** Reads one socket's options; implemented by a {@link Socket}'s or a channel's own {@code getOption}. */
    @FunctionalInterface
    private interface Reader {
        <T> T get(SocketOption<T> option) throws IOException;
    }

    private final List<SocketChannel> opened = new ArrayList<>();
    private final Map<String, Reader> watched = new LinkedHashMap<>();
    private Map<String, String> before = Map.of();

    private Bystanders() {
    }

    /** Opens {@code count} new, unconnected sockets, each of which may get a number the JDK just released. */
    public static Bystanders open(int count) throws IOException {
        Bystanders bystanders = new Bystanders();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            bystanders.opened.add(channel);
            bystanders.watched.put("new socket " + i, channel::getOption);
        }
        return bystanders;
    }

    /** Watches more sockets; their options are read when {@link #snapshot()} is called. */
    public Bystanders watch(String name, Socket socket) {
        watched.put(name, socket::getOption);
        return this;
    }

    /** Watches sockets of another party, such as a proxy's. */
    public Bystanders watch(String name, List<Socket> sockets) {
        for (int i = 0; i < sockets.size(); i++) {
            watch(name + " " + i, sockets.get(i));
        }
        return this;
    }

    /** Records every watched socket's options, to compare with later. */
    public Bystanders snapshot() throws IOException {
        before = read();
        return this;
    }

    /** Fails, naming the socket and option, if any watched socket's options differ from the snapshot. */
    public void assertUnchanged() throws IOException {
        Map<String, String> after = read();
        if (!after.equals(before)) {
            throw new AssertionError("a socket the test did not target was changed:\n before " + before
                    + "\n after  " + after);
        }
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Reader> socket : watched.entrySet()) {
            Reader reader = socket.getValue();
            String options;
            try {
                options = reader.get(StandardSocketOptions.SO_KEEPALIVE) + "/"
                        + reader.get(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                        + reader.get(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                        + reader.get(ExtendedSocketOptions.TCP_KEEPCOUNT);
            } catch (IOException closed) {
                options = "closed";
            }
            values.put(socket.getKey(), options);
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : opened) {
            channel.close();
        }
    }
}
