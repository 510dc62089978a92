package dev.keepalive.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules every OS shares: idle and interval are positive, at least one probe, no negative user timeout.
 * {@link dev.keepalive.KeepAlive.Builder}, {@link dev.keepalive.EffectiveKeepAlive} and {@link OptionTable}
 * check them here; each OS's own limits are in its {@link OptionTable}.
 */
public final class Ranges {

    private Ranges() {
    }

    /**
     * Checks an idle time or interval.
     *
     * @param name the setting's name, for the message
     * @param value the duration
     * @return the duration
     * @throws NullPointerException if it is {@code null}
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Checks a duration that may be zero, such as the user timeout.
     *
     * @param name the setting's name, for the message
     * @param value the duration
     * @return the duration
     * @throws NullPointerException if it is {@code null}
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks a probe count.
     *
     * @param probes the count
     * @return the count
     * @throws IllegalArgumentException if it is less than 1
     */
    public static int probes(int probes) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be at least 1, was " + probes);
        }
        return probes;
    }
}
