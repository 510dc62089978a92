package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rounding up into the OS's unit, against arithmetic on the duration's own nanoseconds. */
class UnitTest {

    @Test
    void roundsUpToWholeUnitsAndNeverTurnsAPositiveDurationIntoZero() {
        long[] nanos = {0, 1, 999_999, 1_000_000, 1_000_001, 999_999_999, 1_000_000_000, 1_000_000_001,
            7_200_500_000_000L};
        for (long n : nanos) {
            Duration duration = Duration.ofNanos(n);
            assertThat(Unit.SECONDS.ceil(duration)).as("%d ns in s", n).isEqualTo((n + 999_999_999) / 1_000_000_000);
            assertThat(Unit.MILLISECONDS.ceil(duration)).as("%d ns in ms", n).isEqualTo((n + 999_999) / 1_000_000);
        }
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(Unit.SECONDS.ceil(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isEqualTo(Long.MAX_VALUE);
        assertThat(Unit.SECONDS.ceil(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Unit.MILLISECONDS.ceil(Duration.ofSeconds(Long.MAX_VALUE / 1000))).isEqualTo(Long.MAX_VALUE);
        assertThat(Unit.MILLISECONDS.ceil(Duration.ofSeconds(Long.MAX_VALUE / 1000 - 1, 1)))
                .isEqualTo((Long.MAX_VALUE / 1000 - 1) * 1000 + 1);
    }

    @Test
    void aCountOrAFlagIsNoUnitOfTime() {
        assertThatThrownBy(() -> Unit.COUNT.ceil(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Unit.FLAG.ceil(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
}
