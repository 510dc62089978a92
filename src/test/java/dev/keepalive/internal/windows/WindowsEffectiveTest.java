package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.registry_h.ERROR_UNSUPPORTED_TYPE;
import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_MAXRT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SocketGuard;
import dev.keepalive.internal.windows.ScriptedWinsock.Version;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The effective-value report and the system defaults on Windows, against a scripted Winsock and a scripted
 * registry, since Windows cannot run here.
 */
class WindowsEffectiveTest {

    private static final long SOCKET = 0x1F4;
    private static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";

    private static SystemDefaults defaults(Version version, ScriptedRegistry registry) {
        return WindowsBackend.probe(new ScriptedWinsock(version), () -> registry).systemDefaults();
    }

    private static KeepAliveSession session(ScriptedWinsock winsock, ScriptedRegistry registry) {
        return new KeepAliveSession(SocketGuard.ofHandle(SOCKET), WindowsBackend.probe(winsock, () -> registry),
                Access.NATIVE_HANDLE);
    }

    private static <T> void assertSourced(SourcedValue<T> actual, T value, ValueSource source, String origin) {
        assertThat(actual.value()).contains(value);
        assertThat(actual.source()).isEqualTo(source);
        assertThat(actual.origin()).contains(origin);
    }

    @Test
    void defaultsAreReadFromTheTcpipParametersInMilliseconds() {
        ScriptedRegistry registry = new ScriptedRegistry().dword("KeepAliveTime", 600_000)
                .dword("KeepAliveInterval", 5_500);
        SystemDefaults defaults = defaults(Version.MODERN, registry);

        assertThat(registry.reads).containsExactly(PARAMETERS + "\\KeepAliveTime", PARAMETERS + "\\KeepAliveInterval");
        assertThat(defaults.os()).isEqualTo(Os.WINDOWS.displayName());
        assertSourced(defaults.idle(), Duration.ofMinutes(10), ValueSource.SYSTEM_DEFAULT,
                "registry HKEY_LOCAL_MACHINE\\" + PARAMETERS + "\\KeepAliveTime");
        assertSourced(defaults.interval(), Duration.ofMillis(5_500), ValueSource.SYSTEM_DEFAULT,
                "\\KeepAliveInterval");
        assertSourced(defaults.probes(), 10, ValueSource.SYSTEM_DEFAULT, "documented default for TCP_KEEPCNT");
    }

    @Test
    void whereTheRegistryHoldsNothingMicrosoftsDocumentedDefaultsApply() {
        SystemDefaults defaults = defaults(Version.MODERN, new ScriptedRegistry());
        assertSourced(defaults.idle(), Duration.ofHours(2), ValueSource.SYSTEM_DEFAULT,
                "documented default; the registry holds no KeepAliveTime");
        assertSourced(defaults.interval(), Duration.ofSeconds(1), ValueSource.SYSTEM_DEFAULT,
                "documented default; the registry holds no KeepAliveInterval");
    }

    @Test
    void theProbeCountIsFixedWhereTcpKeepCntIsMissing() {
        assertSourced(defaults(Version.LEGACY, new ScriptedRegistry()).probes(), 10, ValueSource.SYSTEM_DEFAULT,
                "fixed by this Windows");
    }

    @Test
    void aValueThatExistsButCannotBeReadIsUnknownNotGuessed() {
        SystemDefaults defaults = defaults(Version.MODERN, new ScriptedRegistry()
                .failing("KeepAliveTime", ERROR_UNSUPPORTED_TYPE()).failing("KeepAliveInterval", 5));
        assertThat(defaults.idle().value()).isEmpty();
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.idle().origin()).contains("KeepAliveTime is not a REG_DWORD");
        assertThat(defaults.interval().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.interval().origin()).isEqualTo("RegGetValueW(KeepAliveInterval) failed with Windows error 5");

        SystemDefaults zero = defaults(Version.MODERN, new ScriptedRegistry().dword("KeepAliveTime", 0));
        assertThat(zero.idle().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(zero.idle().origin()).contains("holds 0");
    }

    @Test
    void aDwordIsUnsigned() {
        SystemDefaults defaults = defaults(Version.MODERN, new ScriptedRegistry().dword("KeepAliveTime", -1));
        assertThat(defaults.idle().value()).contains(Duration.ofMillis(4_294_967_295L));
    }

    @Nested
    class Modern {
        private final ScriptedWinsock winsock = new ScriptedWinsock(Version.MODERN);
        private final ScriptedRegistry registry = new ScriptedRegistry().dword("KeepAliveTime", 1);
        private final KeepAliveSession session = session(winsock, registry);

        @Test
        void everyFieldIsReadFromTheSocketAndTheRegistryIsNotRead() throws Exception {
            EffectiveKeepAlive effective = session.effective();

            assertSourced(effective.enabled(), false, ValueSource.SOCKET, "getsockopt(SO_KEEPALIVE)");
            assertSourced(effective.idle(), Duration.ofHours(2), ValueSource.SOCKET, "getsockopt(TCP_KEEPALIVE)");
            assertSourced(effective.interval(), Duration.ofSeconds(1), ValueSource.SOCKET,
                    "getsockopt(TCP_KEEPINTVL)");
            assertSourced(effective.probes(), 10, ValueSource.SOCKET, "getsockopt(TCP_KEEPCNT)");
            // what an unset TCP_MAXRT reads is not documented (the double reads 0): reported as unknown
            assertThat(effective.userTimeout().source()).isEqualTo(ValueSource.UNKNOWN);
            assertThat(effective.userTimeout().origin()).startsWith("getsockopt(TCP_MAXRT) reports 0");
            assertThat(effective.detectionTime()).isEmpty();
            assertThat(registry.reads).isEmpty();
        }

        @Test
        void aUserTimeoutOfMinusOneRetransmitsForever() throws Exception {
            winsock.preset(SOCKET, IPPROTO_TCP(), TCP_MAXRT(), -1);
            SourcedValue<Duration> userTimeout = session.effective().userTimeout();
            assertSourced(userTimeout, java.time.temporal.ChronoUnit.FOREVER.getDuration(), ValueSource.SOCKET,
                    "reports -1: retransmits forever");
        }

        @Test
        void afterApplyTheDetectionTimeFollowsTheProbes() throws Exception {
            session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3)
                    .userTimeout(Duration.ofSeconds(10)).build());
            assertThat(session.effective().detectionTime()).contains(Duration.ofSeconds(45));
        }
    }

    @Nested
    class Legacy {
        private final ScriptedWinsock winsock = new ScriptedWinsock(Version.LEGACY);
        private final ScriptedRegistry registry = new ScriptedRegistry().dword("KeepAliveTime", 600_000)
                .dword("KeepAliveInterval", 4_000);
        private final KeepAliveSession session = session(winsock, registry);

        @Test
        void aFreshSocketReportsTheSystemDefaults() throws Exception {
            EffectiveKeepAlive effective = session.effective();

            assertSourced(effective.enabled(), false, ValueSource.SOCKET, "getsockopt(SO_KEEPALIVE)");
            assertSourced(effective.idle(), Duration.ofMinutes(10), ValueSource.SYSTEM_DEFAULT, "KeepAliveTime");
            assertSourced(effective.interval(), Duration.ofSeconds(4), ValueSource.SYSTEM_DEFAULT,
                    "KeepAliveInterval");
            assertSourced(effective.probes(), 10, ValueSource.SYSTEM_DEFAULT, "fixed by this Windows");
            assertThat(session.current().idle()).contains(Duration.ofMinutes(10));
            assertThat(session.current().interval()).contains(Duration.ofSeconds(4));
        }

        @Test
        void whatTheLibrarySentIsRememberedAndTheDefaultSentAlongKeepsItsSource() throws Exception {
            session.set(Setting.IDLE, Duration.ofSeconds(30));
            assertThat(winsock.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 30_000, 4_000));

            EffectiveKeepAlive effective = session.effective();
            assertSourced(effective.idle(), Duration.ofSeconds(30), ValueSource.REMEMBERED,
                    "set by this library with SIO_KEEPALIVE_VALS, which Windows cannot report");
            // the interval sent along is the registry's default, now held by the socket: its source says so
            assertSourced(effective.interval(), Duration.ofSeconds(4), ValueSource.SYSTEM_DEFAULT,
                    "KeepAliveInterval");

            session.set(Setting.ENABLED, 1);
            assertThat(session.effective().detectionTime()).contains(Duration.ofSeconds(30 + 10 * 4));
        }

        @Test
        void withAnUnreadableRegistryTheDocumentedDefaultIsSentButReportedOnlyOnceSent() throws Exception {
            ScriptedWinsock otherWinsock = new ScriptedWinsock(Version.LEGACY);
            KeepAliveSession unreadable = session(otherWinsock,
                    new ScriptedRegistry().failing("KeepAliveInterval", 5));
            assertThat(unreadable.effective().interval().source()).isEqualTo(ValueSource.UNKNOWN);
            assertThat(unreadable.effective().detectionTime()).isEmpty();

            unreadable.set(Setting.IDLE, Duration.ofSeconds(30));
            assertThat(otherWinsock.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 30_000, 1_000));
            assertSourced(unreadable.effective().interval(), Duration.ofSeconds(1), ValueSource.SYSTEM_DEFAULT,
                    "Microsoft's documented default, since RegGetValueW(KeepAliveInterval) failed");
        }

        @Test
        void aRollbackReportsTheRestoredValuesWithTheirTrueSources() throws Exception {
            KeepAlive refused = KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5))
                    .userTimeout(Duration.ofSeconds(60)).build();
            winsock.failWritesOf("TCP_MAXRT", 10022);

            // nothing sent before: the rollback writes the system defaults onto the socket, and says so
            assertThatThrownBy(() -> session.apply(refused)).isInstanceOf(SocketOptionException.class);
            EffectiveKeepAlive afterFreshRollback = session.effective();
            assertSourced(afterFreshRollback.idle(), Duration.ofMinutes(10), ValueSource.SYSTEM_DEFAULT,
                    "KeepAliveTime, written back with SIO_KEEPALIVE_VALS when an apply was undone");
            assertSourced(afterFreshRollback.interval(), Duration.ofSeconds(4), ValueSource.SYSTEM_DEFAULT,
                    "KeepAliveInterval, written back");

            // values the caller set before: the rollback restores them, still remembered
            ScriptedWinsock other = new ScriptedWinsock(Version.LEGACY);
            KeepAliveSession set = session(other, registry);
            set.apply(KeepAlive.builder().idle(Duration.ofSeconds(20)).interval(Duration.ofSeconds(2)).build());
            other.failWritesOf("TCP_MAXRT", 10022);
            assertThatThrownBy(() -> set.apply(refused)).isInstanceOf(SocketOptionException.class);
            assertThat(other.keepAliveValues).last()
                    .satisfies(values -> assertThat(values).containsExactly(1, 20_000, 2_000));
            EffectiveKeepAlive afterRollback = set.effective();
            assertSourced(afterRollback.idle(), Duration.ofSeconds(20), ValueSource.REMEMBERED, "set by this library");
            assertSourced(afterRollback.interval(), Duration.ofSeconds(2), ValueSource.REMEMBERED,
                    "set by this library");
        }
    }
}
