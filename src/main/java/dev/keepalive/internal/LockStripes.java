package dev.keepalive.internal;

/**
 * A fixed set of lock objects, chosen by a hash: views of the same raw handle, or of the same socket reached
 * through the JDK's options, share a lock without any per-socket registry that would need cleaning up.
 * Unrelated sockets may share one too, which only costs them a short wait.
 */
final class LockStripes {

    private static final int COUNT = 64;
    private static final Object[] LOCKS = new Object[COUNT];

    static {
        for (int i = 0; i < COUNT; i++) {
            LOCKS[i] = new Object();
        }
    }

    private LockStripes() {
    }

    /** The lock for a hash. */
    static Object of(int hash) {
        int spread = hash ^ (hash >>> 16);
        return LOCKS[spread & (COUNT - 1)];
    }
}
