package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.INVALID_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SOL_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.SO_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPCNT;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPINTVL;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_MAXRT;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAEINVAL;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAENETDOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Platform;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import dev.keepalive.internal.windows.ScriptedWinsock.Version;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend's logic against a scripted Winsock, since Windows cannot run here. The real
 * {@link NativeWinsock} path is exercised by the same integration tests on a Windows runner.
 */
class WindowsBackendTest {

    private static final long SOCKET = 0x1F4;

    private static KeepAliveSession session(ScriptedWinsock winsock, long socket) {
        KeepAliveSession session = session((WinsockCalls) winsock, socket);
        winsock.calls.clear();
        return session;
    }

    private static KeepAliveSession session(WinsockCalls winsock, long socket) {
        return new KeepAliveSession(SocketGuard.ofHandle(socket), WindowsBackend.probe(winsock, ScriptedRegistry::new),
                Access.NATIVE_HANDLE);
    }

    private static Backend probe(ScriptedWinsock winsock) {
        return WindowsBackend.probe(winsock, ScriptedRegistry::new);
    }

    private static KeepAlive settings() {
        return KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3)
                .userTimeout(Duration.ofSeconds(40)).build();
    }

    @Test
    void probingChoosesTheOptionsThisWindowsHas() {
        ScriptedWinsock modern = new ScriptedWinsock(Version.MODERN);
        Backend backend = probe(modern);
        assertThat(backend.table().require(Setting.IDLE).name()).isEqualTo("TCP_KEEPALIVE");
        assertThat(backend.table().supports(Setting.PROBES)).isTrue();
        // read, not written, as the JDK's WindowsSocketOptions.c probes them
        assertThat(modern.calls).containsExactly("socket()", "getsockopt(999, TCP_KEEPALIVE)",
                "getsockopt(999, TCP_KEEPINTVL)", "getsockopt(999, TCP_KEEPCNT)", "closesocket(999)");

        Backend v1703 = probe(new ScriptedWinsock(Version.V1703));
        assertThat(v1703.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(v1703.table().supports(Setting.PROBES)).isTrue();

        Backend legacy = probe(new ScriptedWinsock(Version.LEGACY));
        assertThat(legacy.table().supports(Setting.PROBES)).isFalse();
        assertThat(legacy.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(legacy.notes()).anyMatch(note -> note.contains("fixed at 10"));
    }

    @Test
    void aProbeErrorOtherThanNoProtocolOptionCountsAsMissing() {
        ScriptedWinsock winsock = new ScriptedWinsock(Version.MODERN).failOn("TCP_KEEPALIVE", WSAENETDOWN());
        Backend backend = probe(winsock);
        assertThat(backend.table().require(Setting.IDLE).name()).isEqualTo("SIO_KEEPALIVE_VALS");
        assertThat(backend.notes()).anyMatch(note -> note.contains("WSAENETDOWN"));
    }

    @Test
    void invalidSocketIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> Platform.checkHandle(Os.WINDOWS, INVALID_SOCKET()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INVALID_SOCKET");
    }

    @Nested
    class Modern {
        private final ScriptedWinsock winsock = new ScriptedWinsock(Version.MODERN);
        private final KeepAliveSession session = session(winsock, SOCKET);

        @Test
        void applySetsEachOptionInSecondsAndEnablesFirst() throws Exception {
            KeepAlive applied = session.apply(settings());

            assertThat(winsock.calls).filteredOn(call -> call.startsWith("setsockopt")).containsExactly(
                    "setsockopt(500, SO_KEEPALIVE, 1)", "setsockopt(500, TCP_KEEPALIVE, 30)",
                    "setsockopt(500, TCP_KEEPINTVL, 5)", "setsockopt(500, TCP_KEEPCNT, 3)",
                    "setsockopt(500, TCP_MAXRT, 40)");
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_KEEPALIVE())).isEqualTo(30);
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_KEEPINTVL())).isEqualTo(5);
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_KEEPCNT())).isEqualTo(3);
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_MAXRT())).isEqualTo(40);
            assertThat(winsock.value(SOCKET, SOL_SOCKET(), SO_KEEPALIVE())).isEqualTo(1);
            assertThat(applied).isEqualTo(settings());
            assertThat(winsock.keepAliveValues).isEmpty();
        }

        @Test
        void subSecondDurationsRoundUpToWholeSeconds() throws Exception {
            session.apply(KeepAlive.builder().idle(Duration.ofMillis(1500)).interval(Duration.ofMillis(1)).build());
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_KEEPALIVE())).isEqualTo(2);
            assertThat(winsock.value(SOCKET, IPPROTO_TCP(), TCP_KEEPINTVL())).isEqualTo(1);
        }

        @Test
        void anyNonZeroKeepAliveValueReadsAsEnabled() throws Exception {
            winsock.preset(SOCKET, SOL_SOCKET(), SO_KEEPALIVE(), 0xFF);
            assertThat(session.get(Setting.ENABLED)).isEqualTo(1);
            assertThat(session.current().enabled()).isTrue();
        }

        @Test
        void aFailurePartWayRestoresWhatWasChanged() {
            // TCP_MAXRT is read before any change, so only its write fails
            ScriptedWinsock failing = new ScriptedWinsock(Version.MODERN).failWritesOf("TCP_MAXRT", WSAEINVAL());
            KeepAliveSession failingSession = session((WinsockCalls) failing, SOCKET);

            assertThatThrownBy(() -> failingSession.apply(settings()))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                        assertThat(e.option()).isEqualTo("TCP_MAXRT");
                        assertThat(e.errorCode()).isEqualTo(10022);
                        assertThat(e.errorName()).isEqualTo("WSAEINVAL");
                        assertThat(e.getMessage()).contains("setsockopt(TCP_MAXRT)", "WSAEINVAL", "connect");
                    });
            assertThat(failing.value(SOCKET, IPPROTO_TCP(), TCP_KEEPALIVE())).isEqualTo(7200);
            assertThat(failing.value(SOCKET, IPPROTO_TCP(), TCP_KEEPINTVL())).isEqualTo(1);
            assertThat(failing.value(SOCKET, IPPROTO_TCP(), TCP_KEEPCNT())).isEqualTo(10);
            assertThat(failing.value(SOCKET, SOL_SOCKET(), SO_KEEPALIVE())).as("set first, then put back").isZero();
        }

        @Test
        void outOfRangeValuesAreRefusedBeforeAnyCall() {
            assertThatThrownBy(() -> session.apply(KeepAlive.builder().probes(256).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TCP_KEEPCNT")
                    .hasMessageContaining("1 to 255");
            assertThatThrownBy(() -> session.apply(KeepAlive.builder().userTimeout(Duration.ZERO).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TCP_MAXRT");
            assertThat(winsock.calls).isEmpty();
        }

        @Test
        void datagramSocketsAreRefusedWithNoProtocolOption() {
            winsock.datagram(SOCKET);
            assertThatThrownBy(() -> session.set(Setting.ENABLED, 1))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                        assertThat(e.option()).isEqualTo("SO_KEEPALIVE");
                        assertThat(e.errorName()).isEqualTo("WSAENOPROTOOPT");
                        assertThat(e.errorCode()).isEqualTo(10042);
                    });
        }

        @Test
        void settingKeepAliveWhileConnectingFailsWithInvalid() {
            winsock.connecting(SOCKET);
            assertThatThrownBy(() -> session.set(Setting.ENABLED, 1))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                        assertThat(e.errorName()).isEqualTo("WSAEINVAL");
                        assertThat(e.osMessage()).contains("before connect or after the connection completes");
                    });
        }
    }

    @Nested
    class Legacy {
        private final ScriptedWinsock winsock = new ScriptedWinsock(Version.LEGACY);
        private final KeepAliveSession session = session(winsock, SOCKET);

        @Test
        void idleAndIntervalGoThroughKeepAliveValsInMilliseconds() throws Exception {
            KeepAlive applied = session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30))
                    .interval(Duration.ofMillis(2500)).build());

            assertThat(winsock.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 30_000, 2_500));
            assertThat(winsock.value(SOCKET, SOL_SOCKET(), SO_KEEPALIVE())).isEqualTo(1);
            assertThat(applied.idle()).contains(Duration.ofSeconds(30));
            assertThat(applied.interval()).contains(Duration.ofMillis(2500));
            assertThat(applied.probes()).isEmpty();
        }

        @Test
        void theValueNotGivenIsFilledFromMemoryOrTheDocumentedDefault() throws Exception {
            session.set(Setting.INTERVAL, Duration.ofSeconds(3));
            assertThat(winsock.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 7_200_000, 3_000));

            session.set(Setting.IDLE, Duration.ofSeconds(10));
            assertThat(winsock.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 10_000, 3_000));
            assertThat(winsock.keepAliveOn(SOCKET)).as("it was off, and stays off").isFalse();
        }

        @Test
        void enablingKeepsTheTimesSentWithoutSendingThemAgain() throws Exception {
            session.set(Setting.IDLE, Duration.ofSeconds(10));
            session.set(Setting.ENABLED, 1);
            assertThat(winsock.calls).last().isEqualTo("setsockopt(500, SO_KEEPALIVE, 1)");
            assertThat(winsock.stackTimes(SOCKET)).containsExactly(10_000, 1_000);
        }

        @Test
        void whatWasSetIsRememberedForTheSocketHandle() throws Exception {
            Backend backend = probe(winsock);
            KeepAliveSession first = new KeepAliveSession(SocketGuard.ofHandle(SOCKET), backend, Access.NATIVE_HANDLE);
            KeepAliveSession second = new KeepAliveSession(SocketGuard.ofHandle(SOCKET), backend, Access.NATIVE_HANDLE);
            KeepAliveSession other = new KeepAliveSession(SocketGuard.ofHandle(SOCKET + 4), backend,
                    Access.NATIVE_HANDLE);
            first.set(Setting.IDLE, 45_000);
            assertThat(second.get(Setting.IDLE)).isEqualTo(45_000);
            assertThat(other.get(Setting.IDLE)).isEqualTo(WindowsDefaults.DEFAULT_IDLE_MILLIS);
        }

        @Test
        void probesCannotBeSetAndNothingIsCalled() {
            assertThatThrownBy(() -> session.apply(KeepAlive.builder().probes(3).build()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("probes cannot be set on Windows: TCP_KEEPCNT needs Windows 10 1703 or later;"
                            + " this Windows always sends 10 probes");
            assertThat(winsock.calls).isEmpty();
        }

        @Test
        void aFailurePartWayRestoresTheKeepAliveValues() {
            ScriptedWinsock failing = new ScriptedWinsock(Version.LEGACY).failWritesOf("TCP_MAXRT", WSAEINVAL());
            KeepAliveSession failingSession = session((WinsockCalls) failing, SOCKET);
            assertThatThrownBy(() -> failingSession.apply(KeepAlive.builder().idle(Duration.ofSeconds(30))
                    .interval(Duration.ofSeconds(5)).userTimeout(Duration.ofSeconds(60)).build()))
                    .isInstanceOf(SocketOptionException.class);
            assertThat(failing.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 7_200_000, 1_000));
            assertThat(failing.keepAliveOn(SOCKET)).as("off again, as before").isFalse();
        }
    }
}
