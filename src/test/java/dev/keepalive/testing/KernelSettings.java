package dev.keepalive.testing;

import dev.keepalive.internal.posix.gen.posix_h;

/**
 * The five keep-alive options of a socket as the kernel holds them, each read with a plain {@code getsockopt},
 * not through the library: {@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE} (s), {@code TCP_KEEPINTVL} (s),
 * {@code TCP_KEEPCNT} and {@code TCP_USER_TIMEOUT} (ms).
 */
public record KernelSettings(int keepAlive, int idle, int interval, int count, int userTimeout) {

    /**
     * Options set before a test acts, to see what it changed: off, idle 100 s, interval 20 s, 2 probes, user
     * timeout 5 s, nothing like the defaults nor any value the tests apply.
     */
    public static final KernelSettings UNLIKE_DEFAULTS = new KernelSettings(0, 100, 20, 2, 5000);

    /** Reads the options of a TCP socket's descriptor. */
    public static KernelSettings of(int fd) {
        int tcp = posix_h.IPPROTO_TCP();
        return new KernelSettings(Descriptors.getsockopt(fd, posix_h.SOL_SOCKET(), posix_h.SO_KEEPALIVE()),
                Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPIDLE()),
                Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPINTVL()),
                Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPCNT()),
                Descriptors.getsockopt(fd, tcp, posix_h.TCP_USER_TIMEOUT()));
    }

    /** Sets the five options with plain {@code setsockopt} calls, failing if the kernel refuses one. */
    public static void set(int fd, KernelSettings settings) {
        int tcp = posix_h.IPPROTO_TCP();
        int[][] options = {
            {posix_h.SOL_SOCKET(), posix_h.SO_KEEPALIVE(), settings.keepAlive},
            {tcp, posix_h.TCP_KEEPIDLE(), settings.idle},
            {tcp, posix_h.TCP_KEEPINTVL(), settings.interval},
            {tcp, posix_h.TCP_KEEPCNT(), settings.count},
            {tcp, posix_h.TCP_USER_TIMEOUT(), settings.userTimeout},
        };
        for (int[] option : options) {
            if (Descriptors.setsockopt(fd, option[0], option[1], option[2]) != 0) {
                throw new IllegalStateException("setsockopt refused " + settings);
            }
        }
    }

    public KernelSettings withKeepAlive(int value) {
        return new KernelSettings(value, idle, interval, count, userTimeout);
    }

    public KernelSettings withIdle(int value) {
        return new KernelSettings(keepAlive, value, interval, count, userTimeout);
    }

    public KernelSettings withInterval(int value) {
        return new KernelSettings(keepAlive, idle, value, count, userTimeout);
    }

    public KernelSettings withCount(int value) {
        return new KernelSettings(keepAlive, idle, interval, value, userTimeout);
    }

    public KernelSettings withUserTimeout(int value) {
        return new KernelSettings(keepAlive, idle, interval, count, value);
    }
}
