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
        // divisions by constants only: the JIT turns them into multiplications, where a division by the
        // unit's field costs tens of cycles on the single-option hot path
        long seconds = duration.getSeconds();
        int nano = duration.getNano();
        if (this == SECONDS) {
            return nano == 0 ? seconds : seconds == Long.MAX_VALUE ? Long.MAX_VALUE : seconds + 1;
        }
        if (this == MILLISECONDS) {
            return seconds > Long.MAX_VALUE / 1000 - 1 ? Long.MAX_VALUE : seconds * 1000 + (nano + 999_999) / 1_000_000;
        }
        throw new IllegalStateException(name() + " is not a unit of time");
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
