package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.Unit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepAliveTest {

    @Test
    void defaultsToEnabledWithEveryFieldAbsent() {
        KeepAlive settings = KeepAlive.builder().build();
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.idle()).isEmpty();
        assertThat(settings.interval()).isEmpty();
        assertThat(settings.probes()).isEmpty();
        assertThat(settings.userTimeout()).isEmpty();
    }

    @Test
    void holdsWhatWasBuiltAndCompares() {
        KeepAlive settings = KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5))
                .probes(3).userTimeout(Duration.ZERO).enabled(false).build();
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.idle()).contains(Duration.ofSeconds(30));
        assertThat(settings.interval()).contains(Duration.ofSeconds(5));
        assertThat(settings.probes()).hasValue(3);
        assertThat(settings.userTimeout()).contains(Duration.ZERO);
        assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
        assertThat(settings.toBuilder().probes(4).build()).isNotEqualTo(settings);
        assertThat(settings).hasToString(
                "KeepAlive[enabled=false, idle=PT30S, interval=PT5S, probes=3, userTimeout=PT0S]");
    }

    @Test
    void refusesWhatNoOsAccepts() {
        KeepAlive.Builder builder = KeepAlive.builder();
        assertThatThrownBy(() -> builder.idle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idle must be positive, was PT0S");
        assertThatThrownBy(() -> builder.interval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> builder.probes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probes must be at least 1, was 0");
        assertThatThrownBy(() -> builder.userTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> builder.idle(null)).isInstanceOf(NullPointerException.class).hasMessage("idle");
        assertThatThrownBy(() -> builder.userTimeout(null)).isInstanceOf(NullPointerException.class);
    }

    /** Linux's settable limits, as the kernel's {@code net/ipv4/tcp.c} has them; option numbers do not matter here. */
    private static final OptionTable LINUX = new OptionTable(Os.LINUX, List.of(
            OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", 1, 9, Unit.FLAG, 0, 1),
            OptionSpec.sockopt(Setting.IDLE, "TCP_KEEPIDLE", 6, 4, Unit.SECONDS, 1, 32767),
            OptionSpec.sockopt(Setting.INTERVAL, "TCP_KEEPINTVL", 6, 5, Unit.SECONDS, 1, 32767),
            OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", 6, 6, Unit.COUNT, 1, 127),
            OptionSpec.sockopt(Setting.USER_TIMEOUT, "TCP_USER_TIMEOUT", 6, 18, Unit.MILLISECONDS, 0,
                    Integer.MAX_VALUE)), Map.of());

    @Test
    void aValueReadThatCannotBeSetIsKeptAsReadAndLeftOutOfAnApply() {
        KeepAlive read = KeepAlive.builder().enabled(false).idle(Duration.ofSeconds(40_000))
                .interval(Duration.ofSeconds(75)).probes(200).userTimeout(Duration.ZERO).build().keptAsRead(LINUX);
        assertThat(read).hasToString("KeepAlive[enabled=false, idle=PT11H6M40S (as read), interval=PT1M15S,"
                + " probes=200 (as read), userTimeout=PT0S]");
        assertThat(read.idle()).contains(Duration.ofSeconds(40_000));
        assertThat(read.probes()).hasValue(200);
        // what an apply sends: the settable fields only
        assertThat(read.toApply()).isEqualTo(KeepAlive.builder().enabled(false).interval(Duration.ofSeconds(75))
                .userTimeout(Duration.ZERO).build());
        // the mark survives toBuilder, and giving the field a value replaces it
        KeepAlive derived = read.toBuilder().probes(4).build();
        assertThat(derived).hasToString("KeepAlive[enabled=false, idle=PT11H6M40S (as read), interval=PT1M15S,"
                + " probes=4, userTimeout=PT0S]");
        assertThat(derived.toApply().idle()).isEmpty();
        assertThat(derived.toApply().probes()).hasValue(4);
        assertThat(read.toBuilder().idle(Duration.ofSeconds(40_000)).build().toApply().idle())
                .as("a value the user gives is applied, and refused there if out of range")
                .contains(Duration.ofSeconds(40_000));
        // the mark takes part in equality; settable values are never marked
        KeepAlive unmarked = KeepAlive.builder().enabled(false).idle(Duration.ofSeconds(40_000))
                .interval(Duration.ofSeconds(75)).probes(200).userTimeout(Duration.ZERO).build();
        assertThat(read).isNotEqualTo(unmarked).isEqualTo(unmarked.keptAsRead(LINUX))
                .hasSameHashCodeAs(unmarked.keptAsRead(LINUX));
        KeepAlive settable = KeepAlive.builder().idle(Duration.ofSeconds(32_767)).probes(127).build();
        assertThat(settable.keptAsRead(LINUX)).isSameAs(settable);
        assertThat(settable.toApply()).isSameAs(settable);
    }
}
