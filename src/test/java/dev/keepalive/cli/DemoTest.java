package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void parsesSettingsOverTheDefaults() {
        assertThat(Demo.parse(new String[0])).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5)).probes(3).build());
        KeepAlive parsed = Demo.parse(new String[] {"idle=2m", "interval=500ms", "probes=7", "userTimeout=1h"});
        assertThat(parsed.idle()).contains(Duration.ofMinutes(2));
        assertThat(parsed.interval()).contains(Duration.ofMillis(500));
        assertThat(parsed.probes()).hasValue(7);
        assertThat(parsed.userTimeout()).contains(Duration.ofHours(1));
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> Demo.parse(new String[] {"idle"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Demo.parse(new String[] {"speed=3"})).hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> Demo.parse(new String[] {"idle=3x"})).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Demo.parse(new String[] {"idle=s"})).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Demo.parse(new String[] {"probes=0"})).isInstanceOf(IllegalArgumentException.class);
    }
}
