package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
