package dev.keepalive;

import java.time.Duration;

/** The arithmetic of {@link EffectiveKeepAlive#detectionTime()}, saturating instead of overflowing. */
final class DetectionTime {

    /** The largest {@link Duration}; sums beyond it saturate here. */
    static final Duration MAX = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private DetectionTime() {
    }

    /**
     * The drop time when the probe count decides: {@code idle + probes × interval}.
     *
     * @param idle a positive idle time
     * @param interval a positive interval
     * @param probes at least 1
     * @return the sum, saturated at {@link #MAX}
     */
    static Duration afterProbes(Duration idle, Duration interval, long probes) {
        return plus(idle, times(interval, probes));
    }

    /**
     * Linux's drop time with a user timeout: the first probe time {@code idle + k × interval}, {@code k ≥ 1},
     * at or after the user timeout ({@code tcp_keepalive_timer} checks the timeout only when a probe is due
     * and at least one is out).
     *
     * @param idle a positive idle time
     * @param interval a positive interval
     * @param userTimeout a positive user timeout
     * @return the drop time, saturated at {@link #MAX}
     */
    static Duration linuxWithUserTimeout(Duration idle, Duration interval, Duration userTimeout) {
        Duration beyondIdle = userTimeout.minus(idle); // cannot overflow: userTimeout >= 0 and idle > 0
        long intervals = 1;
        if (beyondIdle.compareTo(interval) > 0) {
            try {
                intervals = beyondIdle.dividedBy(interval);
            } catch (ArithmeticException tooMany) {
                return MAX;
            }
            // round up; interval × intervals <= beyondIdle here, so the product cannot overflow
            if (interval.multipliedBy(intervals).compareTo(beyondIdle) < 0) {
                if (intervals == Long.MAX_VALUE) {
                    return MAX;
                }
                intervals++;
            }
        }
        return plus(idle, times(interval, intervals));
    }

    private static Duration times(Duration duration, long factor) {
        try {
            return duration.multipliedBy(factor);
        } catch (ArithmeticException overflow) {
            return MAX;
        }
    }

    private static Duration plus(Duration a, Duration b) {
        try {
            return a.plus(b);
        } catch (ArithmeticException overflow) {
            return MAX;
        }
    }
}
