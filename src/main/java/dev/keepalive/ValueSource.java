package dev.keepalive;

/**
 * Where a keep-alive value reported by {@link EffectiveKeepAlive} or {@link SystemDefaults} comes from.
 */
public enum ValueSource {
    /** Read from the socket ({@code getsockopt}, or the JDK's socket options, which call it). */
    SOCKET,
    /**
     * Set on the socket by this library, as the caller gave it, and remembered by it, because the OS cannot
     * report it: idle and interval sent with {@code SIO_KEEPALIVE_VALS} on Windows before 10 1709.
     */
    REMEMBERED,
    /**
     * The system-wide default that applies because the socket has no value of its own: read from the OS's
     * configuration ({@code /proc/sys} on Linux, {@code sysctl} on macOS, the registry on Windows), or the
     * vendor's documented default where that configuration holds no value, or a value the OS fixes (the
     * probe count on Windows before 10 1703). On Windows before 10 1709 also a system default this library
     * had to send with {@code SIO_KEEPALIVE_VALS} (along with the other time, or to undo a refused apply):
     * the socket then holds it, and the {@linkplain SourcedValue#origin() origin} says so.
     */
    SYSTEM_DEFAULT,
    /** Not known: the OS cannot report it and no default could be read. The value is empty. */
    UNKNOWN
}
