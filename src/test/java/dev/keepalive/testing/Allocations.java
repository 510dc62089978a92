package dev.keepalive.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap by the calling thread, counted by the JVM itself
 * ({@code com.sun.management.ThreadMXBean}); never a timing.
 */
public final class Allocations {

    private Allocations() {
    }

    /** A piece of work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs the work up to {@code maxRounds} times and returns the fewest bytes one run allocated, stopping at the
     * first run that allocated none: the first runs include the JIT compiling the work, later ones do not.
     */
    public static long bestRound(int maxRounds, Work round) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < maxRounds && best > 0; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            round.run();
            best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return best;
    }
}
