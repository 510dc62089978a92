package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.KeepAlive;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.Loopback;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * An apply reads before it changes anything every option but the last one it sets: the result still holds
 * the options it left alone, as the kernel reports them, and the options it set, as the kernel then holds
 * them.
 */
@EnabledOnOs(OS.LINUX)
class ApplyReadsIT {

    @Test
    void theResultHoldsTheUntouchedOptionsAsReadAndTheSetOnesAsTheKernelHoldsThem() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            KernelSettings.set(fd, new KernelSettings(0, 100, 20, 7, 5000));
            CountingCalls calls = new CountingCalls(spec -> false);

            KeepAlive result = calls.session(loopback.client).apply(KeepAlive.builder()
                    .idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).build());

            assertThat(KernelSettings.of(fd)).isEqualTo(new KernelSettings(1, 30, 5, 7, 5000));
            assertThat(result.enabled()).isTrue();
            assertThat(result.idle()).contains(Duration.ofSeconds(30));
            assertThat(result.interval()).contains(Duration.ofSeconds(5));
            assertThat(result.probes()).isEqualTo(OptionalInt.of(7));
            assertThat(result.userTimeout()).contains(Duration.ofSeconds(5));
            assertThat(calls.made).as("the interval, set last, is not read first")
                    .doesNotContain("getsockopt(TCP_KEEPINTVL)")
                    .contains("getsockopt(SO_KEEPALIVE)", "getsockopt(TCP_KEEPIDLE)", "getsockopt(TCP_KEEPCNT)",
                            "getsockopt(TCP_USER_TIMEOUT)");
        }
    }
}
