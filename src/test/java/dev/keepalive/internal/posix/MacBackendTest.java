package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * macOS's logic against scripted calls, since macOS cannot run here: the option numbers and units the
 * backend sends are the ones the macOS SDK defines. The real path is the same {@code PosixCalls} as Linux.
 */
class MacBackendTest {

    private final ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
    private final ScriptedXnu calls = new ScriptedXnu(sysctl);
    private final Backend backend = PosixBackend.macos(calls, sysctl);
    private final KeepAliveSession session = new KeepAliveSession(SocketGuard.ofHandle(7), backend,
            Access.NATIVE_HANDLE);

    @Test
    void applyUsesMacOptionNumbersInSecondsKeepAliveFirst() throws Exception {
        session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3)
                .userTimeout(Duration.ofMillis(2500)).build());

        assertThat(calls.calls).filteredOn(call -> call.startsWith("setsockopt")).containsExactly(
                "setsockopt(7, 65535, 0x8, 1)", // SOL_SOCKET, SO_KEEPALIVE: first, so that XNU uses the idle time
                "setsockopt(7, 6, 0x10, 30)", // TCP_KEEPALIVE
                "setsockopt(7, 6, 0x101, 5)", // TCP_KEEPINTVL
                "setsockopt(7, 6, 0x102, 3)", // TCP_KEEPCNT
                "setsockopt(7, 6, 0x80, 3)"); // TCP_RXT_CONNDROPTIME, 2.5 s rounded up
    }

    @Test
    void optionNamesAndLimitsAreMacs() {
        assertThat(backend.table().require(Setting.IDLE).name()).isEqualTo("TCP_KEEPALIVE");
        assertThat(backend.table().require(Setting.USER_TIMEOUT).name()).isEqualTo("TCP_RXT_CONNDROPTIME");
        // below 2^31 ms: XNU compares its timers as signed 32-bit differences
        assertThat(backend.table().toNative(Setting.IDLE, Duration.ofSeconds(2_147_483))).isEqualTo(2_147_483);
        assertThatThrownBy(() -> backend.table().toNative(Setting.IDLE, Duration.ofSeconds(2_147_484)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on macOS");
    }

    @Test
    void errnoNamesAreMacs() {
        assertThat(MacOptions.ERRORS.nameOf(38)).isEqualTo("ENOTSOCK");
        assertThat(MacOptions.ERRORS.nameOf(42)).isEqualTo("ENOPROTOOPT");
        assertThat(MacOptions.ERRORS.nameOf(102)).isEqualTo("EOPNOTSUPP");
        assertThat(MacOptions.ERRORS.nameOf(9)).isEqualTo("EBADF");
    }

    @Test
    void aRefusedOptionRestoresTheOnesAlreadySet() {
        calls.failWritesOf("TCP_KEEPCNT", 22);
        assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).probes(3).build()))
                .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("TCP_KEEPCNT");
                    assertThat(e.errorName()).isEqualTo("EINVAL");
                });
        assertThat(calls.value(6, 0x10)).as("unset again: it read the system default").isZero();
        assertThat(calls.value(0xffff, 0x8)).as("SO_KEEPALIVE set first, then put back off").isZero();
    }
}
