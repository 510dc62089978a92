package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The native calls each public operation makes on macOS, counted on the scripted socket calls and
 * {@code sysctlbyname}: the macOS column of the table in {@code docs/architecture.md}.
 */
class MacCallCountTest {

    private static final Duration IDLE = Duration.ofSeconds(30);

    @FunctionalInterface
    private interface Operation {
        void run(KeepAliveSession session) throws Exception;
    }

    private static String count(Operation before, Operation operation) throws Exception {
        ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
        ScriptedXnu calls = new ScriptedXnu(sysctl);
        KeepAliveSession session = new KeepAliveSession(SocketGuard.ofHandle(7),
                PosixBackend.macos(calls, sysctl), Access.NATIVE_HANDLE);
        before.run(session);
        calls.calls.clear();
        sysctl.reads.clear();
        operation.run(session);
        return "get=" + calls.calls.stream().filter(call -> call.startsWith("getsockopt")).count()
                + " set=" + calls.calls.stream().filter(call -> call.startsWith("setsockopt")).count()
                + " sysctl=" + sysctl.reads.size();
    }

    private static String count(Operation operation) throws Exception {
        return count(session -> { }, operation);
    }

    @Test
    void everySettingIsOneCall() throws Exception {
        assertThat(count(s -> s.set(Setting.ENABLED, 1))).isEqualTo("get=0 set=1 sysctl=0");
        assertThat(count(s -> s.get(Setting.ENABLED))).isEqualTo("get=1 set=0 sysctl=0");
        // the timer's sum needs the other two times; the idle time also the connection's state (a listener?)
        assertThat(count(s -> s.set(Setting.IDLE, IDLE))).isEqualTo("get=3 set=1 sysctl=0");
        assertThat(count(s -> s.set(Setting.INTERVAL, IDLE))).isEqualTo("get=2 set=1 sysctl=0");
        assertThat(count(s -> s.set(Setting.PROBES, 3))).isEqualTo("get=2 set=1 sysctl=0");
        assertThat(count(s -> s.set(Setting.USER_TIMEOUT, IDLE))).isEqualTo("get=0 set=1 sysctl=0");
        KeepAlive idleAndInterval = KeepAlive.builder().idle(IDLE).interval(IDLE).build();
        assertThat(count(s -> s.apply(idleAndInterval))).isEqualTo("get=6 set=3 sysctl=0");
        assertThat(count(s -> s.apply(idleAndInterval.toBuilder().probes(3).userTimeout(IDLE).build())))
                .isEqualTo("get=6 set=5 sysctl=0");
        assertThat(count(KeepAliveSession::current)).isEqualTo("get=5 set=0 sysctl=0");
        // the report reads the three defaults, to tell a default from a value of the socket's own, and with
        // keep-alive off net.inet.tcp.always_keepalive
        assertThat(count(KeepAliveSession::effective)).isEqualTo("get=5 set=0 sysctl=4");
        assertThat(count(s -> s.apply(idleAndInterval.toBuilder().probes(3).build()), KeepAliveSession::effective))
                .isEqualTo("get=5 set=0 sysctl=3");
    }
}
