package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.SourcedValue;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * macOS behaving as XNU does, against the sourced {@link ScriptedXnu}: the order of calls, listeners, read-back of
 * unset options, the kernel's 32-bit arithmetic, a shut-down connection and {@code always_keepalive}.
 */
class MacKernelBehaviourTest {

    private final ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
    private final ScriptedXnu xnu = new ScriptedXnu(sysctl);

    private KeepAliveSession session() {
        return new KeepAliveSession(SocketGuard.ofHandle(7), PosixBackend.macos(xnu, sysctl), Access.NATIVE_HANDLE);
    }

    private static KeepAlive thirtyFiveThree() {
        return KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3).build();
    }

    @Test
    void theIdleTimeApplyGivesIsTheOneTheTimerRunsWith() throws Exception {
        session().apply(thirtyFiveThree());
        assertThat(xnu.armedIdleMillis()).as("TCP_CONN_KEEPIDLE when TCP_KEEPALIVE re-armed the timer")
                .isEqualTo(30_000);
    }

    @Test
    void optionsNeverSetReadTheSystemDefaultAndAreLabelledSo() throws Exception {
        EffectiveKeepAlive effective = session().effective();
        assertThat(effective.idle().value()).contains(Duration.ofHours(2));
        assertThat(effective.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(effective.idle().origin()).contains("getsockopt(TCP_KEEPALIVE)", "net.inet.tcp.keepidle");
        assertThat(effective.probes().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
    }

    @Test
    void aRollbackRestoresAnUnsetOptionAsUnset() {
        xnu.failWritesOf("TCP_KEEPCNT", 22);
        assertThatThrownBy(() -> session().apply(thirtyFiveThree())).isInstanceOf(SocketOptionException.class);
        assertThat(xnu.value(MacOptions.IPPROTO_TCP, MacOptions.TCP_KEEPALIVE.option()))
                .as("0: follow net.inet.tcp.keepidle again").isZero();
    }

    @Test
    void timesTheKernelCannotCountAreRefusedBeforeAnyCall() {
        KeepAliveSession session = session();
        assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofMillis(1L << 31)).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofHours(1))
                .interval(Duration.ofHours(12)).probes(100).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^32 ms");
        assertThat(xnu.calls).noneMatch(call -> call.startsWith("setsockopt"));
        EffectiveKeepAlive wrapping = new EffectiveKeepAlive(Os.MACOS.displayName(),
                SourcedValue.of(true, ValueSource.SOCKET, "t"), SourcedValue.of(Duration.ofHours(1), ValueSource.SOCKET,
                "t"), SourcedValue.of(Duration.ofHours(12), ValueSource.SOCKET, "t"),
                SourcedValue.of(100, ValueSource.SOCKET, "t"), SourcedValue.of(Duration.ZERO, ValueSource.SOCKET, "t"));
        assertThat(wrapping.detectionTime()).as("no prediction the kernel's arithmetic cannot keep").isEmpty();
    }

    @Test
    void aConnectionThatCanNoLongerSendOrReceiveIsNamed() {
        xnu.shutDown();
        assertThatThrownBy(() -> session().set(Setting.ENABLED, 1))
                .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                    assertThat(e.errorName()).isEqualTo("EINVAL");
                    assertThat(e.osMessage()).contains("Invalid argument", "can no longer send or receive");
                });
    }

    @Test
    void alwaysKeepaliveShowsInTheReport() throws Exception {
        sysctl.set("net.inet.tcp.always_keepalive", 1);
        SourcedValue<Boolean> enabled = session().effective().enabled();
        assertThat(enabled.value()).contains(true);
        assertThat(enabled.source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(enabled.origin()).contains("net.inet.tcp.always_keepalive");
    }

    /** macOS 13: an idle time set on a listener would drop it; it is kept for the accepted sockets instead. */
    @Test
    void aListenersIdleTimeIsKeptForAcceptedSocketsNotSet() throws Exception {
        xnu.macOs13().listening();
        KeepAliveSession listener = session();
        listener.apply(thirtyFiveThree());

        assertThat(xnu.listenerDropped()).isFalse();
        assertThat(xnu.value(MacOptions.IPPROTO_TCP, MacOptions.TCP_KEEPALIVE.option())).isNull();
        assertThat(listener.current().idle()).contains(Duration.ofSeconds(30));
        assertThat(listener.effective().idle().source()).isEqualTo(ValueSource.REMEMBERED);

        ScriptedXnu acceptedXnu = new ScriptedXnu(sysctl);
        KeepAliveSession accepted = new KeepAliveSession(SocketGuard.ofHandle(8),
                PosixBackend.macos(acceptedXnu, sysctl), Access.NATIVE_HANDLE);
        accepted.apply(listener.ownSettings());
        assertThat(acceptedXnu.armedIdleMillis()).isEqualTo(30_000);
    }

    /** The copy gives accepted sockets what the listener holds of its own, and no system default. */
    @Test
    void aCopyLeavesSystemDefaultsToTheSystem() throws Exception {
        KeepAliveSession listener = session();
        listener.set(Setting.PROBES, 4);
        KeepAlive own = listener.ownSettings();
        assertThat(own.probes()).hasValue(4);
        assertThat(own.idle()).as("reads net.inet.tcp.keepidle's value: possibly unset").isEmpty();
        assertThat(own.interval()).isEmpty();
    }
}
