package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.testing.Loopback;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The native calls each public operation makes on Linux, counted on real sockets: the Linux column of the
 * table in {@code docs/architecture.md}.
 */
@EnabledOnOs(OS.LINUX)
class LinuxCallCountIT {

    private static final Duration IDLE = Duration.ofSeconds(30);

    @FunctionalInterface
    private interface Operation {
        void run(KeepAliveSession session) throws Exception;
    }

    private static String count(Operation operation) throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            CountingCalls calls = new CountingCalls();
            KeepAliveSession session = calls.session(loopback.client);
            operation.run(session);
            return "get=" + calls.made.stream().filter(call -> call.startsWith("getsockopt")).count()
                    + " set=" + calls.made.stream().filter(call -> call.startsWith("setsockopt")).count();
        }
    }

    @Test
    void everySettingIsOneCall() throws Exception {
        assertThat(count(s -> s.set(Setting.ENABLED, 1))).isEqualTo("get=0 set=1");
        assertThat(count(s -> s.get(Setting.ENABLED))).isEqualTo("get=1 set=0");
        assertThat(count(s -> s.set(Setting.IDLE, IDLE))).isEqualTo("get=0 set=1");
        assertThat(count(s -> s.set(Setting.INTERVAL, IDLE))).isEqualTo("get=0 set=1");
        assertThat(count(s -> s.set(Setting.PROBES, 3))).isEqualTo("get=0 set=1");
        assertThat(count(s -> s.set(Setting.USER_TIMEOUT, IDLE))).isEqualTo("get=0 set=1");
        KeepAlive idleAndInterval = KeepAlive.builder().idle(IDLE).interval(IDLE).build();
        assertThat(count(s -> s.apply(idleAndInterval))).isEqualTo("get=4 set=3");
        assertThat(count(s -> s.apply(idleAndInterval.toBuilder().probes(3).userTimeout(IDLE).build())))
                .isEqualTo("get=4 set=5");
        assertThat(count(KeepAliveSession::current)).isEqualTo("get=5 set=0");
        assertThat(count(KeepAliveSession::effective)).isEqualTo("get=5 set=0");
    }
}
