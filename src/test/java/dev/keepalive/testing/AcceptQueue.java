package dev.keepalive.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's accept queue of a listening port, read from {@code /proc/net/tcp} and {@code /proc/net/tcp6},
 * where a listening socket's {@code rx_queue} column counts the connections waiting for {@code accept}. A
 * connection in that queue has already been made from the listening socket, with the settings it had then.
 */
public final class AcceptQueue {

    private static final String LISTEN = "0A";

    private AcceptQueue() {
    }

    /** Waits, at most 5 s in 100 checks, until at least one connection to the port waits for accept. */
    public static void awaitPending(int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (pending(port) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no connection reached the accept queue of port " + port + " in 5 s");
    }

    /** The number of connections waiting for accept on a listening port. */
    public static int pending(int port) throws IOException {
        String localPort = ":" + String.format(Locale.ROOT, "%04X", port);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[1].endsWith(localPort) && fields[3].equals(LISTEN)) {
                    count += Integer.parseInt(fields[4].substring(fields[4].indexOf(':') + 1), 16);
                }
            }
        }
        return count;
    }
}
