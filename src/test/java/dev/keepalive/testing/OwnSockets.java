package dev.keepalive.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The descriptors of this process's own TCP connections, found the way {@code ss -p} finds them, without any
 * reference to the socket object: the kernel's table of connections ({@code /proc/self/net/tcp} and
 * {@code tcp6}) gives the inode of each connection to a port, and {@code /proc/self/fd} the descriptor that
 * points at that inode. A client library's connection, hidden inside it, can then be read with a plain
 * {@code getsockopt} ({@link KernelSettings#of(int)}). The same works for another process of this machine,
 * through its {@code /proc/<pid>}; its descriptors are read with {@link ProcessDescriptors}. Linux only.
 */
public final class OwnSockets {

    /** The state column's value for an established connection. */
    private static final String ESTABLISHED = "01";

    private OwnSockets() {
    }

    /** The descriptors of this process's established connections whose remote port is the given one. */
    public static List<Integer> connectedTo(int remotePort) throws IOException {
        return descriptors("self", established("self", 2, port -> port == remotePort));
    }

    /** The descriptors of another process's established connections whose remote port is the given one. */
    public static List<Integer> connectedTo(long pid, int remotePort) throws IOException {
        return descriptors(Long.toString(pid), established(Long.toString(pid), 2, port -> port == remotePort));
    }

    /**
     * The descriptors of another process's established connections whose local port is the given one: the
     * connections a server of that process accepted on the port.
     */
    public static List<Integer> acceptedOn(long pid, int localPort) throws IOException {
        return descriptors(Long.toString(pid), established(Long.toString(pid), 1, port -> port == localPort));
    }

    /** The descriptors in {@code /proc/<process>/fd} that point at the sockets of these rows. */
    private static List<Integer> descriptors(String process, List<String[]> rows) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String[] row : rows) {
            inodes.add(row[9]);
        }
        List<Integer> descriptors = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", process, "fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[")
                        && inodes.contains(target.substring("socket:[".length(), target.length() - 1))) {
                    descriptors.add(Integer.parseInt(fd.getFileName().toString()));
                }
            }
        }
        return descriptors;
    }

    /**
     * The bytes sent and not yet acknowledged on the established connections to the port, in all (the
     * {@code tx_queue} column). While it is not zero, the kernel retransmits rather than sends keep-alive probes.
     */
    public static long unacknowledgedBytesTo(int remotePort) throws IOException {
        long bytes = 0;
        for (String[] row : established("self", 2, port -> port == remotePort)) {
            bytes += Long.parseLong(row[4].substring(0, row[4].indexOf(':')), 16);
        }
        return bytes;
    }

    /**
     * The rows of the kernel's connection tables, as {@code /proc/<process>} sees them, for established
     * connections whose port in a column (1: local address, 2: remote address) passes the test, split.
     */
    private static List<String[]> established(String process, int column, IntPredicate wanted) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path path = Path.of("/proc", process, "net", table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String address = fields[column];
                int port = Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
                if (wanted.test(port) && fields[3].equals(ESTABLISHED)) {
                    rows.add(fields);
                }
            }
        }
        return rows;
    }

    /** The one descriptor of this process connected to the port; fails if there is none or more than one. */
    public static int theOneConnectedTo(int remotePort) throws IOException {
        List<Integer> descriptors = connectedTo(remotePort);
        if (descriptors.size() != 1) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "expected one connection of this process to port %d, found descriptors %s", remotePort,
                    descriptors));
        }
        return descriptors.get(0);
    }

    /**
     * Waits, at most 2 s, until no connection to the port has bytes sent and not yet acknowledged: until then the
     * kernel retransmits rather than sends keep-alive probes.
     *
     * @param remotePort the peer's port
     */
    public static void awaitAcknowledged(int remotePort) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (unacknowledgedBytesTo(remotePort) != 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bytes sent were not acknowledged within 2 s");
            }
            Thread.sleep(5);
        }
    }
}
