package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import dev.keepalive.internal.Platform.Os;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionTableTest {

    private static final OptionTable TABLE = new OptionTable(Os.LINUX, List.of(
            OptionSpec.sockopt(Setting.IDLE, "IDLE_OPT", 6, 4, Unit.SECONDS, 1, 32767),
            OptionSpec.sockopt(Setting.INTERVAL, "INTVL_OPT", 6, 5, Unit.SECONDS, 1, 32767),
            OptionSpec.sockopt(Setting.USER_TIMEOUT, "UTO_OPT", 6, 18, Unit.MILLISECONDS, 0, Integer.MAX_VALUE),
            OptionSpec.sockopt(Setting.ENABLED, "ENABLE_OPT", 1, 9, Unit.FLAG, 0, 1)), Map.of());

    @Test
    void durationsRoundUpToTheUnitAndNeverDownToZero() {
        assertThat(TABLE.toNative(Setting.IDLE, Duration.ofNanos(1))).isEqualTo(1);
        assertThat(TABLE.toNative(Setting.IDLE, Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(TABLE.toNative(Setting.IDLE, Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(TABLE.toNative(Setting.USER_TIMEOUT, Duration.ofNanos(1))).isEqualTo(1);
        assertThat(TABLE.toNative(Setting.USER_TIMEOUT, Duration.ofNanos(1_000_001))).isEqualTo(2);
        assertThat(TABLE.toNative(Setting.USER_TIMEOUT, Duration.ZERO)).isZero();
    }

    @Test
    void limitsAreAcceptedAndLimitsPlusOneRefused() {
        assertThat(TABLE.toNative(Setting.IDLE, Duration.ofSeconds(32767))).isEqualTo(32767);
        assertThatThrownBy(() -> TABLE.toNative(Setting.IDLE, Duration.ofSeconds(32768)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idle PT9H6M8S is outside IDLE_OPT's range on Linux: 1 to 32767 s"
                        + " (durations are rounded up to whole seconds)");
        assertThatThrownBy(() -> TABLE.toNative(Setting.IDLE, Duration.ofMillis(32767_001)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TABLE.toNative(Setting.USER_TIMEOUT, Duration.ofMillis(Integer.MAX_VALUE)))
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> TABLE.toNative(Setting.USER_TIMEOUT, Duration.ofMillis(Integer.MAX_VALUE + 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTO_OPT");
    }

    @Test
    void zeroAndNegativeDurationsAreRefused() {
        assertThatThrownBy(() -> TABLE.toNative(Setting.IDLE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 32767 s");
        assertThatThrownBy(() -> TABLE.toNative(Setting.INTERVAL, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> TABLE.toNative(Setting.IDLE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hugeDurationsAreRefusedWithoutOverflow() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        assertThatThrownBy(() -> TABLE.toNative(Setting.IDLE, huge)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TABLE.toNative(Setting.USER_TIMEOUT, huge))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TABLE.toNative(Setting.USER_TIMEOUT, Duration.ofSeconds(Long.MAX_VALUE / 1000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSettingWithoutAnOptionIsUnsupported() {
        assertThat(TABLE.supports(Setting.PROBES)).isFalse();
        assertThatThrownBy(() -> TABLE.toNative(KeepAlive.builder().probes(3).build()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("probes cannot be set on Linux");
    }

    @Test
    void convertsWholeSettingsAndBack() {
        KeepAlive settings = KeepAlive.builder().idle(Duration.ofSeconds(30)).userTimeout(Duration.ofMillis(1500))
                .build();
        NativeKeepAlive values = TABLE.toNative(settings);
        assertThat(values.idle()).isEqualTo(30);
        assertThat(values.interval()).isEqualTo(NativeKeepAlive.ABSENT);
        assertThat(values.has(Setting.INTERVAL)).isFalse();
        assertThat(values.userTimeout()).isEqualTo(1500);
        assertThat(values.enabled()).isEqualTo(1);
        assertThat(TABLE.toKeepAlive(values)).isEqualTo(settings);
    }

    @Test
    void aTableNeedsTheEnabledOptionAndOneOptionPerSetting() {
        OptionSpec idle = OptionSpec.sockopt(Setting.IDLE, "A", 0, 0, Unit.SECONDS, 1, 2);
        assertThatThrownBy(() -> new OptionTable(Os.LINUX, List.of(idle), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionTable(Os.LINUX, List.of(idle, idle), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
