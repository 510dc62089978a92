package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.Platform.Os;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The detection-time arithmetic of each OS, and the checks on the report's parts. */
class EffectiveKeepAliveTest {
    private static final String LINUX = Os.LINUX.displayName();
    private static final String MACOS = Os.MACOS.displayName();
    private static final String WINDOWS = Os.WINDOWS.displayName();


    private static final Duration MAX = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private static SourcedValue<Duration> socket(Duration value) {
        return SourcedValue.of(value, ValueSource.SOCKET, "getsockopt");
    }

    private static EffectiveKeepAlive report(String os, boolean enabled, Duration idle, Duration interval,
                                             int probes, Duration userTimeout) {
        return new EffectiveKeepAlive(os, SourcedValue.of(enabled, ValueSource.SOCKET, "getsockopt(SO_KEEPALIVE)"),
                socket(idle), socket(interval), SourcedValue.of(probes, ValueSource.SOCKET, "getsockopt"),
                socket(userTimeout));
    }

    private static Duration linux(long idle, long interval, int probes, Duration userTimeout) {
        return report(LINUX, true, Duration.ofSeconds(idle), Duration.ofSeconds(interval), probes, userTimeout)
                .detectionTime().orElseThrow();
    }

    @Test
    void withoutAUserTimeoutTheLastProbeDecides() {
        assertThat(linux(30, 5, 3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(45));
        assertThat(linux(7200, 75, 9, Duration.ZERO)).isEqualTo(Duration.ofSeconds(7875));
    }

    @Test
    void onLinuxAUserTimeoutDropsAtTheFirstProbeAtOrAfterIt() {
        // between probe times: rounded up to the next probe, whatever the probe count
        assertThat(linux(30, 5, 3, Duration.ofSeconds(52))).isEqualTo(Duration.ofSeconds(55));
        // exactly on a probe time
        assertThat(linux(30, 5, 3, Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
        // one nanosecond past a probe time waits for the next one
        assertThat(linux(30, 5, 3, Duration.ofSeconds(40).plusNanos(1))).isEqualTo(Duration.ofSeconds(45));
        // later than the probe count would allow: the probe count no longer counts
        assertThat(linux(30, 5, 3, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(600));
        assertThat(linux(30, 7, 3, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(604));
    }

    @Test
    void onLinuxAUserTimeoutWithinTheIdleTimeStillWaitsForOneProbe() {
        assertThat(linux(30, 5, 3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(35));
        assertThat(linux(30, 5, 3, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(35));
        assertThat(linux(30, 5, 3, Duration.ofSeconds(35))).isEqualTo(Duration.ofSeconds(35));
        assertThat(linux(20, 3, 4, Duration.ofMillis(1500))).isEqualTo(Duration.ofSeconds(23));
        assertThat(linux(30, 5, 3, Duration.ofMillis(1))).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void onMacOsAndWindowsTheUserTimeoutDoesNotEnter() {
        for (String os : new String[] {MACOS, WINDOWS}) {
            assertThat(report(os, true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ofSeconds(52))
                    .detectionTime()).as(os).contains(Duration.ofSeconds(45));
            assertThat(report(os, true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ofSeconds(1))
                    .detectionTime()).as(os).contains(Duration.ofSeconds(45));
        }
        // Windows' documented defaults, set through SIO_KEEPALIVE_VALS in milliseconds
        assertThat(report(WINDOWS, true, Duration.ofHours(2), Duration.ofMillis(1000), 10, Duration.ZERO)
                .detectionTime()).contains(Duration.ofSeconds(7210));
    }

    @Test
    void keepAliveOffOrAnUnknownValueGivesNoTime() {
        assertThat(report(LINUX, false, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO)
                .detectionTime()).isEmpty();
        EffectiveKeepAlive known = report(LINUX, true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                Duration.ZERO);
        assertThat(new EffectiveKeepAlive(LINUX, SourcedValue.unknown("no"), known.idle(), known.interval(),
                known.probes(), known.userTimeout()).detectionTime()).isEmpty();
        assertThat(new EffectiveKeepAlive(LINUX, known.enabled(), SourcedValue.unknown("no"), known.interval(),
                known.probes(), known.userTimeout()).detectionTime()).isEmpty();
        assertThat(new EffectiveKeepAlive(LINUX, known.enabled(), known.idle(), SourcedValue.unknown("no"),
                known.probes(), known.userTimeout()).detectionTime()).isEmpty();
        assertThat(new EffectiveKeepAlive(LINUX, known.enabled(), known.idle(), known.interval(),
                SourcedValue.unknown("no"), known.userTimeout()).detectionTime()).isEmpty();
        // Linux needs the user timeout; macOS and Windows do not use it
        assertThat(new EffectiveKeepAlive(LINUX, known.enabled(), known.idle(), known.interval(),
                known.probes(), SourcedValue.unknown("no")).detectionTime()).isEmpty();
        assertThat(new EffectiveKeepAlive(MACOS, known.enabled(), known.idle(), known.interval(),
                known.probes(), SourcedValue.unknown("no")).detectionTime()).contains(Duration.ofSeconds(45));
    }

    @Test
    void hugeValuesSaturateInsteadOfOverflowing() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE / 2);
        // interval × probes overflows
        assertThat(report(WINDOWS, true, Duration.ofSeconds(1), huge, 3, Duration.ZERO).detectionTime())
                .contains(MAX);
        // macOS's keep-alive timer cannot count that far: no prediction at all
        assertThat(report(MACOS, true, Duration.ofSeconds(1), huge, 3, Duration.ZERO).detectionTime()).isEmpty();
        // idle + interval × probes overflows in the sum only
        assertThat(report(LINUX, true, Duration.ofSeconds(Long.MAX_VALUE - 1), Duration.ofSeconds(2), 1,
                Duration.ZERO).detectionTime()).contains(MAX);
        assertThat(report(LINUX, true, huge, huge, 1, Duration.ZERO).detectionTime())
                .contains(Duration.ofSeconds(Long.MAX_VALUE - 1));
        // the largest sum macOS's 32-bit timer holds stays exact; one probe more and it wraps
        assertThat(report(MACOS, true, Duration.ofSeconds(2_147_483), Duration.ofSeconds(1), 2_147_484,
                Duration.ZERO).detectionTime()).contains(Duration.ofSeconds(4_294_967));
        assertThat(report(MACOS, true, Duration.ofSeconds(2_147_483), Duration.ofSeconds(1), 2_147_485,
                Duration.ZERO).detectionTime()).isEmpty();
        assertThat(report(MACOS, true, Duration.ofMillis(1L << 31), Duration.ofSeconds(1), 1,
                Duration.ZERO).detectionTime()).isEmpty();
        // Linux: the number of intervals up to the user timeout does not fit a long
        assertThat(linuxNanos(Duration.ofNanos(1), Duration.ofNanos(1), MAX)).isEqualTo(MAX);
        // Linux: the count fits, the product with the interval does not overflow, the sum does
        assertThat(linuxNanos(huge, huge, MAX)).isEqualTo(MAX);
        // Linux: exactly representable huge result
        assertThat(linuxNanos(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        // Linux: rounding up past the largest long number of intervals saturates
        assertThat(linuxNanos(Duration.ofNanos(1), Duration.ofNanos(1), MAX.minusNanos(1))).isEqualTo(MAX);
    }

    private static Duration linuxNanos(Duration idle, Duration interval, Duration userTimeout) {
        return report(LINUX, true, idle, interval, 9, userTimeout).detectionTime().orElseThrow();
    }

    @Test
    void partsAreChecked() {
        EffectiveKeepAlive known = report(LINUX, true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                Duration.ZERO);
        assertThatThrownBy(() -> new EffectiveKeepAlive("Solaris", known.enabled(), known.idle(), known.interval(),
                known.probes(), known.userTimeout())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Linux, macOS or Windows");
        assertThatThrownBy(() -> report(LINUX, true, Duration.ZERO, Duration.ofSeconds(5), 3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle must be positive");
        assertThatThrownBy(() -> report(LINUX, true, Duration.ofSeconds(1), Duration.ofSeconds(-5), 3,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> report(LINUX, true, Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probes");
        assertThatThrownBy(() -> report(LINUX, true, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userTimeout");
        assertThatThrownBy(() -> new EffectiveKeepAlive(LINUX, null, known.idle(), known.interval(),
                known.probes(), known.userTimeout())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSourcedValueIsEmptyExactlyWhenUnknown() {
        SourcedValue<Integer> unknown = SourcedValue.unknown("cannot read");
        assertThat(unknown.value()).isEmpty();
        assertThat(unknown.source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(unknown.origin()).isEqualTo("cannot read");
        assertThat(unknown).hasToString("unknown (UNKNOWN: cannot read)");
        SourcedValue<Integer> known = SourcedValue.of(9, ValueSource.SYSTEM_DEFAULT, "/proc");
        assertThat(known.value()).contains(9);
        assertThat(known).isEqualTo(SourcedValue.of(9, ValueSource.SYSTEM_DEFAULT, "/proc"))
                .isNotEqualTo(SourcedValue.of(9, ValueSource.SOCKET, "/proc"));
        assertThatThrownBy(() -> SourcedValue.of(9, ValueSource.UNKNOWN, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcedValue.of(null, ValueSource.SOCKET, "x"))
                .isInstanceOf(NullPointerException.class);
    }
}
