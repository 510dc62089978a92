package dev.keepalive.internal;

import java.time.Duration;

/** The unit in which an OS takes a setting's value. */
public enum Unit {
    /** 0 for off, 1 for on. */
    FLAG("flag", 0),
    /** A count. */
    COUNT("count", 0),
    /** Whole seconds. */
    SECONDS("s", 1_000_000_000L),
    /** Whole milliseconds. */
    MILLISECONDS("ms", 1_000_000L);

    private final String symbol;
    private final long nanos;

    Unit(String symbol, long nanos) {
        this.symbol = symbol;
        this.nanos = nanos;
    }

    /**
     * The unit's short name.
     *
     * @return {@code s}, {@code ms}, {@code count} or {@code flag}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Whether values in this unit are durations.
     *
     * @return {@code true} for seconds and milliseconds
     */
    public boolean isTime() {
        return nanos != 0;
    }

    /**
     * Converts a non-negative duration into this unit, rounding up, so that no positive duration becomes 0.
     *
     * @param duration a non-negative duration
     * @return the number of units, saturated at {@link Long#MAX_VALUE}
     */
    public long ceil(Duration duration) {
        long perSecond = 1_000_000_000L / nanos;
        long seconds = duration.getSeconds();
        if (seconds > Long.MAX_VALUE / perSecond - 1) {
            return Long.MAX_VALUE;
        }
        long partial = (duration.getNano() + nanos - 1) / nanos;
        return seconds * perSecond + partial;
    }

    /**
     * Converts a number of units back into a duration.
     *
     * @param amount a non-negative number of units
     * @return the duration
     */
    public Duration toDuration(long amount) {
        return this == SECONDS ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }
}
