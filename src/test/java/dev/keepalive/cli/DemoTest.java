package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void detectionTimeFollowsTheKernelsKeepAliveTimer() {
        KeepAlive base = KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3)
                .build();
        assertThat(DetectionTime.of(base)).isEqualTo(Duration.ofSeconds(45));
        // with a user timeout the probe count no longer matters: the first probe at or after it drops
        assertThat(DetectionTime.of(base.toBuilder().userTimeout(Duration.ofSeconds(52)).build()))
                .isEqualTo(Duration.ofSeconds(55));
        assertThat(DetectionTime.of(base.toBuilder().userTimeout(Duration.ofSeconds(1)).build()))
                .isEqualTo(Duration.ofSeconds(35));
        assertThat(DetectionTime.of(base.toBuilder().enabled(false).build())).isEqualTo(Duration.ZERO);
    }
}
