package dev.keepalive.cli;

import dev.keepalive.KeepAlive;
import java.time.Duration;

/**
 * The silence after which the kernel declares a peer dead, as Linux's keep-alive timer computes it: probes
 * start after the idle time and repeat every interval; without a user timeout the connection drops when the
 * last allowed probe goes unanswered, with one it drops at the first probe time at or after the user
 * timeout.
 */
final class DetectionTime {

    private DetectionTime() {
    }

    /**
     * The detection time of settings whose idle, interval and probes are known.
     *
     * @param settings the settings in effect
     * @return the silence before the connection is dropped, or {@link Duration#ZERO} if keep-alive is off or
     *     a value is unknown
     */
    static Duration of(KeepAlive settings) {
        if (!settings.enabled() || settings.idle().isEmpty() || settings.interval().isEmpty()
                || settings.probes().isEmpty()) {
            return Duration.ZERO;
        }
        Duration idle = settings.idle().get();
        Duration interval = settings.interval().get();
        Duration userTimeout = settings.userTimeout().orElse(Duration.ZERO);
        if (userTimeout.isZero()) {
            return idle.plus(interval.multipliedBy(settings.probes().getAsInt()));
        }
        long beyondIdle = userTimeout.minus(idle).toNanos();
        long intervals = Math.max(1, (beyondIdle + interval.toNanos() - 1) / interval.toNanos());
        return idle.plus(interval.multipliedBy(intervals));
    }
}
