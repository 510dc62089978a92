package dev.keepalive.internal.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import dev.keepalive.internal.windows.ScriptedWinsock.Version;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The native calls each public operation makes on Windows, counted on the scripted Winsock and registry: the
 * Windows columns of the table in {@code docs/architecture.md}, which these assertions keep true. Each operation
 * runs on a fresh socket, as a new {@code SocketKeepAlive} would.
 */
class WindowsCallCountTest {

    private static final long SOCKET = 0x1F4;
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    /** An operation on a session. */
    @FunctionalInterface
    private interface Operation {
        void run(KeepAliveSession session) throws Exception;
    }

    /** The calls one operation made, as {@code get/set/ioctl/registry} counts. */
    private static String count(Version version, Operation before, Operation operation) throws Exception {
        ScriptedWinsock winsock = new ScriptedWinsock(version);
        ScriptedRegistry registry = new ScriptedRegistry();
        KeepAliveSession session = new KeepAliveSession(SocketGuard.ofHandle(SOCKET),
                WindowsBackend.probe(winsock, () -> registry), Access.NATIVE_HANDLE);
        before.run(session);
        winsock.calls.clear();
        registry.reads.clear();
        operation.run(session);
        return "get=" + winsock.calls.stream().filter(call -> call.startsWith("getsockopt")).count()
                + " set=" + winsock.calls.stream().filter(call -> call.startsWith("setsockopt")).count()
                + " ioctl=" + winsock.calls.stream().filter(call -> call.startsWith("WSAIoctl")).count()
                + " registry=" + registry.reads.size();
    }

    private static String count(Version version, Operation operation) throws Exception {
        return count(version, session -> { }, operation);
    }

    private static KeepAlive idleAndInterval() {
        return KeepAlive.builder().idle(IDLE).interval(INTERVAL).build();
    }

    @Test
    void windows1709AndLaterMakesOneSockoptCallPerOption() throws Exception {
        Version v = Version.MODERN;
        assertThat(count(v, s -> s.set(Setting.ENABLED, 1))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.get(Setting.ENABLED))).isEqualTo("get=1 set=0 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.IDLE, IDLE))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.INTERVAL, INTERVAL))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.PROBES, 3))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.USER_TIMEOUT, IDLE))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.apply(idleAndInterval()))).isEqualTo("get=4 set=3 ioctl=0 registry=0");
        assertThat(count(v, s -> s.apply(idleAndInterval().toBuilder().probes(3).userTimeout(IDLE).build())))
                .isEqualTo("get=4 set=5 ioctl=0 registry=0");
        assertThat(count(v, KeepAliveSession::current)).isEqualTo("get=5 set=0 ioctl=0 registry=0");
        assertThat(count(v, KeepAliveSession::effective)).isEqualTo("get=5 set=0 ioctl=0 registry=0");
    }

    @Test
    void beforeWindows1709IdleAndIntervalGoInOneIoctlWithoutRegistryReads() throws Exception {
        Version v = Version.LEGACY;
        assertThat(count(v, s -> s.apply(idleAndInterval()))).isEqualTo("get=2 set=0 ioctl=1 registry=0");
        assertThat(count(v, s -> s.apply(idleAndInterval().toBuilder().userTimeout(IDLE).build())))
                .isEqualTo("get=2 set=1 ioctl=1 registry=0");
        // one time given and none sent before: the other is the system default, one registry read
        assertThat(count(v, s -> s.apply(KeepAlive.builder().idle(IDLE).build())))
                .isEqualTo("get=2 set=0 ioctl=1 registry=1");
        // keep-alive off: the ioctl turns it on (onoff = 1), SO_KEEPALIVE turns it off again
        assertThat(count(v, s -> s.set(Setting.IDLE, IDLE))).isEqualTo("get=1 set=1 ioctl=1 registry=1");
        assertThat(count(v, s -> s.apply(idleAndInterval()), s -> s.set(Setting.INTERVAL, INTERVAL)))
                .isEqualTo("get=1 set=0 ioctl=1 registry=0");
        assertThat(count(v, s -> s.set(Setting.ENABLED, 1))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.IDLE, IDLE), s -> s.set(Setting.ENABLED, 1)))
                .as("the times sent stay with the socket").isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, s -> s.get(Setting.ENABLED))).isEqualTo("get=1 set=0 ioctl=0 registry=0");
        assertThat(count(v, s -> s.set(Setting.USER_TIMEOUT, IDLE))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
        assertThat(count(v, KeepAliveSession::current)).isEqualTo("get=2 set=0 ioctl=0 registry=2");
        assertThat(count(v, s -> s.apply(idleAndInterval()), KeepAliveSession::current))
                .isEqualTo("get=2 set=0 ioctl=0 registry=0");
        assertThat(count(v, KeepAliveSession::effective)).isEqualTo("get=2 set=0 ioctl=0 registry=2");
        assertThat(count(v, s -> s.apply(idleAndInterval()), KeepAliveSession::effective))
                .isEqualTo("get=2 set=0 ioctl=0 registry=0");
        assertThat(count(v, s -> assertThatThrownBy(() -> s.set(Setting.PROBES, s.table().toNative(Setting.PROBES, 3)))
                .isInstanceOf(UnsupportedOperationException.class))).isEqualTo("get=0 set=0 ioctl=0 registry=0");
    }

    @Test
    void windows1703SetsTheProbeCountButSendsTheTimesTogether() throws Exception {
        Version v = Version.V1703;
        assertThat(count(v, s -> s.apply(idleAndInterval()))).isEqualTo("get=3 set=0 ioctl=1 registry=0");
        assertThat(count(v, s -> s.set(Setting.PROBES, 3))).isEqualTo("get=0 set=1 ioctl=0 registry=0");
    }
}
