package dev.keepalive.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The sockets this process has open, read from the kernel ({@code /proc/self/fd}, where each socket descriptor
 * is a link to {@code socket:[inode]}): to show that a call opened no socket of its own.
 */
public final class OpenSockets {

    private OpenSockets() {
    }

    /** The inodes of the sockets open now. */
    public static Set<String> now() throws IOException {
        Set<String> sockets = new TreeSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:")) {
                        sockets.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the directory listing itself, or a descriptor closed since the listing
                }
            }
        }
        return sockets;
    }
}
