package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.SocketGuard;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * macOS's system defaults and effective-value report against a scripted {@code sysctlbyname} and scripted
 * socket calls, since macOS cannot run here. The scripted calls report the system default for an option never
 * set, as XNU does since macOS 10.12 (see {@link ScriptedXnu}).
 */
class MacEffectiveTest {


    private KeepAliveSession session(ScriptedSysctl sysctl) {
        ScriptedXnu calls = new ScriptedXnu(sysctl);
        return new KeepAliveSession(SocketGuard.ofHandle(7),
                PosixBackend.macos(calls, sysctl), Access.NATIVE_HANDLE);
    }

    @Test
    void defaultsAreReadInMillisecondsAndAsACount() {
        ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
        SystemDefaults defaults = MacDefaults.read(sysctl);

        assertThat(sysctl.reads).containsExactly("net.inet.tcp.keepidle", "net.inet.tcp.keepintvl",
                "net.inet.tcp.keepcnt");
        assertThat(defaults.os()).isEqualTo(Os.MACOS.displayName());
        assertThat(defaults.idle().value()).contains(Duration.ofHours(2));
        assertThat(defaults.interval().value()).contains(Duration.ofSeconds(75));
        assertThat(defaults.probes().value()).contains(8);
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(defaults.idle().origin()).isEqualTo("sysctl net.inet.tcp.keepidle");
        assertThat(MacDefaults.read(new ScriptedSysctl().set("net.inet.tcp.keepintvl", 1500)).interval().value())
                .contains(Duration.ofMillis(1500));
    }

    @Test
    void aSettingThatCannotBeReadIsUnknownWithTheReason() {
        SystemDefaults defaults = MacDefaults.read(new ScriptedSysctl().set("net.inet.tcp.keepcnt", 0));
        assertThat(defaults.idle().value()).isEmpty();
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.idle().origin()).isEqualTo("cannot read sysctl net.inet.tcp.keepidle: "
                + "sysctlbyname(net.inet.tcp.keepidle) failed: ENOENT (2): No such file or directory");
        assertThat(defaults.probes().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.probes().origin()).contains("holds 0");
    }

    @Test
    void optionsNeverSetReadTheSystemDefaultsAndSaySo() throws Exception {
        ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
        EffectiveKeepAlive effective = session(sysctl).effective();

        assertThat(effective.os()).isEqualTo(Os.MACOS.displayName());
        assertThat(effective.enabled().value()).contains(false);
        assertThat(effective.enabled().source()).isEqualTo(ValueSource.SOCKET);
        assertThat(effective.idle().value()).contains(Duration.ofHours(2));
        assertThat(effective.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(effective.interval().value()).contains(Duration.ofSeconds(75));
        assertThat(effective.probes().value()).contains(8);
        assertThat(effective.probes().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        // a zero user timeout is a real value: none set
        assertThat(effective.userTimeout().value()).contains(Duration.ZERO);
        assertThat(effective.userTimeout().source()).isEqualTo(ValueSource.SOCKET);
        assertThat(effective.userTimeout().origin()).isEqualTo("getsockopt(TCP_RXT_CONNDROPTIME)");
    }

    @Test
    void anUnreadableDefaultBehindAZeroIsUnknownWithBothReasons() throws Exception {
        EffectiveKeepAlive effective = session(new ScriptedSysctl()).effective();
        assertThat(effective.idle().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(effective.idle().origin()).startsWith("getsockopt(TCP_KEEPALIVE) reports 0 (not set); "
                + "cannot read sysctl net.inet.tcp.keepidle");
    }

    @Test
    void afterApplyEveryFieldIsReadFromTheSocketAndTheDefaultsOnlyCompared() throws Exception {
        ScriptedSysctl sysctl = ScriptedSysctl.factorySettings();
        KeepAliveSession session = session(sysctl);
        session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3)
                .userTimeout(Duration.ofSeconds(20)).build());
        EffectiveKeepAlive effective = session.effective();

        assertThat(sysctl.reads).containsExactly("net.inet.tcp.keepidle", "net.inet.tcp.keepintvl",
                "net.inet.tcp.keepcnt");
        assertThat(effective.enabled().value()).contains(true);
        assertThat(effective.idle().value()).contains(Duration.ofSeconds(30));
        assertThat(effective.idle().source()).isEqualTo(ValueSource.SOCKET);
        assertThat(effective.idle().origin()).isEqualTo("getsockopt(TCP_KEEPALIVE)");
        assertThat(effective.probes().origin()).isEqualTo("getsockopt(TCP_KEEPCNT)");
        assertThat(effective.userTimeout().value()).contains(Duration.ofSeconds(20));
        // macOS's drop time after the last probe; the user timeout bounds only unacknowledged data
        assertThat(effective.detectionTime()).contains(Duration.ofSeconds(45));
    }
}
