package dev.keepalive.internal;

/** The keep-alive settings the library manages, in the order an apply sets them. */
public enum Setting {
    /** Idle time before the first probe. */
    IDLE("idle"),
    /** Time between unanswered probes. */
    INTERVAL("interval"),
    /** Unanswered probes before the connection is dropped. */
    PROBES("probes"),
    /** Maximum time transmitted data may stay unacknowledged. */
    USER_TIMEOUT("userTimeout"),
    /** Keep-alive on or off; set last, so that probes start with the new timing. */
    ENABLED("enabled");

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
