package dev.keepalive.internal;

/**
 * Keep-alive settings in the OS's own units, already checked against its limits: what a session hands to its
 * {@link Backend} in one call, and what the backend reports back. A field holding {@link #ABSENT} is not
 * given (on apply) or not known (on read).
 *
 * @param enabled {@code SO_KEEPALIVE}: 0 or 1
 * @param idle the idle time, in the unit of the OS's idle option
 * @param interval the interval, in the unit of the OS's interval option
 * @param probes the probe count
 * @param userTimeout the user timeout, in the unit of the OS's option (Windows reads -1 for "no limit")
 */
public record NativeKeepAlive(int enabled, int idle, int interval, int probes, int userTimeout) {

    /** Marks a field that is not given or not known; no OS uses this value. */
    public static final int ABSENT = Integer.MIN_VALUE;

    /**
     * One field.
     *
     * @param setting the setting
     * @return its value, or {@link #ABSENT}
     */
    public int get(Setting setting) {
        // comparisons rather than a switch, whose lookup class a fresh JVM would load and initialise first
        if (setting == Setting.ENABLED) {
            return enabled;
        }
        if (setting == Setting.IDLE) {
            return idle;
        }
        if (setting == Setting.INTERVAL) {
            return interval;
        }
        return setting == Setting.PROBES ? probes : userTimeout;
    }

    /**
     * Whether a field is given.
     *
     * @param setting the setting
     * @return {@code true} unless it is {@link #ABSENT}
     */
    public boolean has(Setting setting) {
        return get(setting) != ABSENT;
    }

    /**
     * A copy with one field replaced.
     *
     * @param setting the setting
     * @param value its new value, or {@link #ABSENT}
     * @return the copy
     */
    public NativeKeepAlive with(Setting setting, int value) {
        return new NativeKeepAlive(setting == Setting.ENABLED ? value : enabled, setting == Setting.IDLE ? value : idle,
                setting == Setting.INTERVAL ? value : interval, setting == Setting.PROBES ? value : probes,
                setting == Setting.USER_TIMEOUT ? value : userTimeout);
    }

    /**
     * These values with every field given in {@code changes} put in: the settings after an apply.
     *
     * @param changes the fields applied
     * @return the merged values
     */
    public NativeKeepAlive overriddenBy(NativeKeepAlive changes) {
        return new NativeKeepAlive(pick(changes.enabled, enabled), pick(changes.idle, idle),
                pick(changes.interval, interval), pick(changes.probes, probes), pick(changes.userTimeout, userTimeout));
    }

    private static int pick(int change, int current) {
        return change != ABSENT ? change : current;
    }
}
