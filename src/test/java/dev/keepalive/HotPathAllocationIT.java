package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Loopback;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The single-option calls allocate nothing once the JIT has compiled them: no arena, no array, no boxing per
 * call. Counted in bytes with the JVM's per-thread allocation counter, never timed.
 */
@EnabledOnOs(OS.LINUX)
class HotPathAllocationIT {

    private static final int CALLS_PER_ROUND = 100_000;
    private static final int MAX_ROUNDS = 20;

    @Test
    void singleOptionCallsReachZeroBytesPerCall() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            assertThat(bestRound(SocketKeepAlive.of(loopback.client)))
                    .as("bytes allocated by %d rounds of calls, best round", CALLS_PER_ROUND * 4).isZero();
        }
    }

    /** A Socket's view finds the socket's implementation again on every call: that allocates nothing either. */
    @Test
    void aSocketsViewReachesZeroBytesPerCallToo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            assertThat(keepAlive.access()).isEqualTo("native handle");
            assertThat(bestRound(keepAlive))
                    .as("bytes allocated by %d rounds of calls, best round", CALLS_PER_ROUND * 4).isZero();
        }
    }

    /** The fewest bytes one round of calls allocated, over at most {@link #MAX_ROUNDS} rounds. */
    private static long bestRound(SocketKeepAlive keepAlive) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Duration idle = Duration.ofSeconds(30);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS && best > 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                keepAlive.setEnabled((i & 1) == 0);
                keepAlive.isEnabled();
                keepAlive.setIdle(idle);
                keepAlive.setProbes(3);
            }
            best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return best;
    }
}
