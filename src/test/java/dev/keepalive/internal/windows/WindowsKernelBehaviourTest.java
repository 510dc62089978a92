package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SOL_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.SO_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_MAXRT;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAENETDOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import dev.keepalive.internal.windows.ScriptedWinsock.Version;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Windows behaving as Microsoft documents it and as the JDK, .NET, Go, socket2 and libuv handle it, against the
 * sourced {@link ScriptedWinsock}: the probe, {@code SIO_KEEPALIVE_VALS} with {@code onoff} set, memory per
 * socket handle, {@code TCP_MAXRT}.
 */
class WindowsKernelBehaviourTest {

    private static final long SOCKET = 0x1F4;
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private static Backend probe(ScriptedWinsock winsock) {
        return WindowsBackend.probe(winsock, ScriptedRegistry::new);
    }

    private static KeepAliveSession view(Backend backend, long socket) {
        return new KeepAliveSession(SocketGuard.ofHandle(socket), backend, Access.NATIVE_HANDLE);
    }

    /** Before 1709 option 3 is accepted but TCP_KEEPINTVL is not: the path needs both, as the JDK's probe. */
    @Test
    void theProbeTakesThePerOptionPathOnlyWhereIdleAndIntervalBothExist() {
        assertThat(probe(new ScriptedWinsock(Version.LEGACY)).table().require(Setting.IDLE).name())
                .isEqualTo("SIO_KEEPALIVE_VALS");
        Backend v1703 = probe(new ScriptedWinsock(Version.V1703));
        assertThat(v1703.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(v1703.table().supports(Setting.PROBES)).isTrue();
        assertThat(probe(new ScriptedWinsock(Version.MODERN)).table().require(Setting.INTERVAL).name())
                .isEqualTo("TCP_KEEPINTVL");
    }

    @Test
    void aProbeThatFailsOtherwiseCountsAsNotSupportedWithANote() {
        Backend failing = probe(new ScriptedWinsock(Version.MODERN).failOn("TCP_KEEPINTVL", WSAENETDOWN()));
        assertThat(failing.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(failing.notes()).anyMatch(note -> note.contains("TCP_KEEPINTVL") && note.contains("WSAENETDOWN"));

        Backend noSocket = probe(new ScriptedWinsock(Version.MODERN).probeSocketFails(10055));
        assertThat(noSocket.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(noSocket.table().supports(Setting.PROBES)).isFalse();
        assertThat(noSocket.notes()).anyMatch(note -> note.contains("probe socket"));
    }

    /** Times sent while keep-alive stays off still reach the stack, and keep-alive stays off. */
    @Test
    void keepAliveValsAlwaysCarriesOnoffAndTheTimesOutliveTurningItOff() throws Exception {
        ScriptedWinsock winsock = new ScriptedWinsock(Version.LEGACY);
        KeepAliveSession session = view(probe(winsock), SOCKET);
        session.apply(KeepAlive.builder().enabled(false).idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5)).build());
        session.set(Setting.IDLE, Duration.ofSeconds(40));

        assertThat(winsock.keepAliveValues).isNotEmpty().allSatisfy(values -> assertThat(values[0]).isEqualTo(1));
        assertThat(winsock.keepAliveOn(SOCKET)).isFalse();
        // turned on later through the JDK's own SO_KEEPALIVE: the stack runs the times sent
        winsock.preset(SOCKET, SOL_SOCKET(), SO_KEEPALIVE(), 1);
        assertThat(winsock.stackTimes(SOCKET)).containsExactly(40_000, 5_000);
        assertThat(session.effective().idle().value()).contains(Duration.ofSeconds(40));
    }

    /** Two views of one SOCKET: the second's interval keeps the first's idle, in Windows and in the reports. */
    @Test
    void everyViewOfOneSocketHandleSharesWhatWasSent() throws Exception {
        ScriptedWinsock winsock = new ScriptedWinsock(Version.LEGACY);
        Backend backend = probe(winsock);
        KeepAliveSession first = view(backend, SOCKET);
        KeepAliveSession second = view(backend, SOCKET);
        first.set(Setting.ENABLED, 1);
        first.set(Setting.IDLE, Duration.ofSeconds(30));
        second.set(Setting.INTERVAL, Duration.ofSeconds(5));

        assertThat(winsock.stackTimes(SOCKET)).containsExactly(30_000, 5_000);
        EffectiveKeepAlive seenByFirst = first.effective();
        assertThat(seenByFirst.idle().value()).contains(Duration.ofSeconds(30));
        assertThat(seenByFirst.interval().value()).contains(Duration.ofSeconds(5));
        assertThat(seenByFirst.interval().source()).isEqualTo(ValueSource.REMEMBERED);
    }

    /** Microsoft: -1 retransmits forever. The API says so, and applies and restores it. */
    @Test
    void maxRtMinusOneIsRetransmittingForeverAndRoundTrips() throws Exception {
        ScriptedWinsock winsock = new ScriptedWinsock(Version.MODERN);
        winsock.preset(SOCKET, IPPROTO_TCP(), TCP_MAXRT(), -1);
        KeepAliveSession session = view(probe(winsock), SOCKET);

        assertThat(session.effective().userTimeout().value()).contains(FOREVER);
        assertThat(session.effective().userTimeout().origin()).contains("retransmit");
        KeepAlive current = session.current();
        assertThat(current.userTimeout()).contains(FOREVER);

        winsock.preset(SOCKET, IPPROTO_TCP(), TCP_MAXRT(), 40);
        session.apply(current);
        assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_MAXRT())).isEqualTo(-1);
    }

    /** An unset TCP_MAXRT reads a value Microsoft does not document; it is reported as such, never guessed. */
    @Test
    void anUndocumentedMaxRtReadIsUnknownAndLeftOut() throws Exception {
        KeepAliveSession session = view(probe(new ScriptedWinsock(Version.MODERN).unsetMaxRt(0)), SOCKET);
        assertThat(session.effective().userTimeout().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(session.effective().userTimeout().origin()).contains("reports 0");
        assertThat(session.current().userTimeout()).isEmpty();
    }

    /** A handle number taken over by another JDK socket (the first was closed) starts with nothing remembered. */
    @Test
    void whatWasSentIsForgottenWhenAnotherSocketHasTheHandle() throws Exception {
        Backend backend = probe(new ScriptedWinsock(Version.LEGACY));
        Object closedSocket = new Object();
        backend.attach(SOCKET, closedSocket);
        view(backend, SOCKET).set(Setting.IDLE, Duration.ofSeconds(30));
        backend.attach(SOCKET, closedSocket);
        assertThat(view(backend, SOCKET).effective().idle().source()).isEqualTo(ValueSource.REMEMBERED);

        backend.attach(SOCKET, new Object());
        assertThat(view(backend, SOCKET).effective().idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
    }

    /**
     * Accepted sockets get only what the listener holds of its own: nothing from a fresh listener before 1709
     * (no WSAIoctl per accept, no values nobody set), no failure over a TCP_MAXRT the listener reports.
     */
    @Test
    void acceptedSocketsGetOnlyWhatTheListenerHoldsOfItsOwn() throws Exception {
        ScriptedWinsock legacy = new ScriptedWinsock(Version.LEGACY);
        Backend backend = probe(legacy);
        KeepAliveSession listener = view(backend, SOCKET);
        KeepAliveSession accepted = view(backend, SOCKET + 4);
        legacy.calls.clear();
        accepted.apply(listener.ownSettings());
        assertThat(legacy.calls).noneMatch(call -> call.startsWith("WSAIoctl"));
        assertThat(accepted.effective().idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);

        listener.set(Setting.IDLE, Duration.ofSeconds(30));
        accepted.apply(listener.ownSettings());
        assertThat(legacy.stackTimes(SOCKET + 4)[0]).isEqualTo(30_000);

        for (int maxRt : new int[] {0, -1, 40}) {
            ScriptedWinsock modern = new ScriptedWinsock(Version.MODERN).unsetMaxRt(maxRt);
            Backend modernBackend = probe(modern);
            KeepAlive copied = view(modernBackend, SOCKET + 4).apply(view(modernBackend, SOCKET).ownSettings());
            assertThat(copied.enabled()).isFalse();
        }
    }
}
