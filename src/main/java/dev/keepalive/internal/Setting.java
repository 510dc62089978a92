package dev.keepalive.internal;

/**
 * The keep-alive settings the library manages, in the order an apply sets them. {@code SO_KEEPALIVE} comes
 * first, whether it turns keep-alive on or off: XNU uses a socket's idle time only while {@code SO_KEEPALIVE} is
 * on, and re-arms the timer when the idle time is set (xnu-11417.101.15 {@code bsd/netinet/tcp_timer.h} 302,
 * {@code bsd/netinet/tcp_usrreq.c} 2442-2458), as socket2's {@code set_tcp_keepalive} and libuv's
 * {@code uv__tcp_keepalive} also turn it on first; when turning it off first, the timings that follow change
 * nothing that runs, so no half-configured keep-alive is ever live. Linux is indifferent to the order.
 */
public enum Setting {
    /** Keep-alive on or off. */
    ENABLED("enabled"),
    /** Idle time before the first probe. */
    IDLE("idle"),
    /** Time between unanswered probes. */
    INTERVAL("interval"),
    /** Unanswered probes before the connection is dropped. */
    PROBES("probes"),
    /** Maximum time transmitted data may stay unacknowledged. */
    USER_TIMEOUT("userTimeout");

    private final String label;

    Setting(String label) {
        this.label = label;
    }

    /**
     * The name of the setting in the public API.
     *
     * @return for example {@code userTimeout}
     */
    public String label() {
        return label;
    }
}
