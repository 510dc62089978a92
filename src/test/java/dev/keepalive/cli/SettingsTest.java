package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.Capabilities;
import dev.keepalive.KeepAlive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line's settings against an OS's limits, told in the command line's words. The limits are
 * capability reports as the library gives them: Linux's (the kernel's MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL and
 * MAX_TCP_KEEPCNT in include/net/tcp.h: 32767 s, 32767 s, 127; TCP_USER_TIMEOUT an int of milliseconds), and
 * Windows before 10 version 1703 (SIO_KEEPALIVE_VALS in milliseconds; TCP_MAXRT in whole seconds, up to the
 * largest int of milliseconds; the probe count fixed, so no option for it). The running OS's own limits are
 * checked against its kernel in {@code CommandLineIT}.
 */
class SettingsTest {

    private static final Capabilities LINUX = new Capabilities("Linux", "native handle", List.of(
            new Capabilities.Option("idle", "TCP_KEEPIDLE", "s", 1, 32767, true),
            new Capabilities.Option("interval", "TCP_KEEPINTVL", "s", 1, 32767, true),
            new Capabilities.Option("probes", "TCP_KEEPCNT", "count", 1, 127, true),
            new Capabilities.Option("userTimeout", "TCP_USER_TIMEOUT", "ms", 0, Integer.MAX_VALUE, true),
            new Capabilities.Option("enabled", "SO_KEEPALIVE", "flag", 0, 1, true)), List.of());

    private static final Capabilities OLD_WINDOWS = new Capabilities("Windows", "native handle", List.of(
            new Capabilities.Option("idle", "SIO_KEEPALIVE_VALS", "ms", 1, Integer.MAX_VALUE, false),
            new Capabilities.Option("interval", "SIO_KEEPALIVE_VALS", "ms", 1, Integer.MAX_VALUE, false),
            new Capabilities.Option("userTimeout", "TCP_MAXRT", "s", 1, Integer.MAX_VALUE / 1000, true),
            new Capabilities.Option("enabled", "SO_KEEPALIVE", "flag", 0, 1, true)), List.of());

    private static KeepAlive read(Capabilities capabilities, String... args) {
        return Settings.read(Arguments.parse(List.of(args), Arguments.SETTINGS), capabilities);
    }

    @Test
    void givenValuesOverTheDefaults() {
        assertThat(read(LINUX)).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5)).probes(3).build());
        KeepAlive parsed = read(LINUX, "--idle=PT2M", "--interval", "500ms", "--probes=7", "--user-timeout=1h",
                "--keepalive=off");
        assertThat(parsed).isEqualTo(KeepAlive.builder().enabled(false).idle(Duration.ofMinutes(2))
                .interval(Duration.ofMillis(500)).probes(7).userTimeout(Duration.ofHours(1)).build());
        // each limit itself is accepted
        assertThat(read(LINUX, "--idle=32767s", "--interval=PT9H6M7S", "--probes=127", "--user-timeout=0ms"))
                .isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(32767)).interval(Duration.ofSeconds(32767))
                        .probes(127).userTimeout(Duration.ZERO).build());
    }

    @Test
    void aValueAboveTheLimitNamesTheOptionTheValueAndTheLimitInTheUnitTyped() {
        assertThatThrownBy(() -> read(LINUX, "--idle=40000s"))
                .hasMessage("--idle=40000s is too long: TCP_KEEPIDLE on Linux takes at most 32767s");
        assertThatThrownBy(() -> read(LINUX, "--idle", "40000000ms"))
                .hasMessage("--idle 40000000ms is too long: TCP_KEEPIDLE on Linux takes at most 32767000ms");
        assertThatThrownBy(() -> read(LINUX, "--interval=PT11H6M40S"))
                .hasMessage("--interval=PT11H6M40S is too long: TCP_KEEPINTVL on Linux takes at most PT9H6M7S");
        assertThatThrownBy(() -> read(LINUX, "--idle=32767001ms")).hasMessage("--idle=32767001ms is too long:"
                + " TCP_KEEPIDLE on Linux takes at most 32767000ms (it counts whole seconds, rounding up)");
        assertThatThrownBy(() -> read(LINUX, "--probes=200"))
                .hasMessage("--probes=200 is too many: TCP_KEEPCNT on Linux takes at most 127");
        assertThatThrownBy(() -> read(LINUX, "--user-timeout=25d"))
                .hasMessage("--user-timeout=25d is not a duration (use 30s, 1500ms, 2m, 1h or PT30S)");
        assertThatThrownBy(() -> read(LINUX, "--user-timeout=600h"))
                .hasMessage("--user-timeout=600h is too long: TCP_USER_TIMEOUT on Linux takes at most 2147483647ms");
        assertThatThrownBy(() -> read(OLD_WINDOWS, "--user-timeout=2147483001ms")).hasMessage(
                "--user-timeout=2147483001ms is too long: TCP_MAXRT on Windows takes at most 2147483000ms"
                        + " (it counts whole seconds, rounding up)");
    }

    @Test
    void valuesNoOsTakesAreToldAsTyped() {
        assertThatThrownBy(() -> read(LINUX, "--idle=-1s")).hasMessage("--idle must be positive, got -1s");
        assertThatThrownBy(() -> read(LINUX, "--interval=0ms")).hasMessage("--interval must be positive, got 0ms");
        assertThatThrownBy(() -> read(LINUX, "--user-timeout=-PT5S"))
                .hasMessage("--user-timeout must not be negative, got -PT5S");
        assertThatThrownBy(() -> read(LINUX, "--probes=0")).hasMessage("--probes must be at least 1, got 0");
        assertThatThrownBy(() -> read(LINUX, "--keepalive=yes")).hasMessage("--keepalive=yes is neither on nor off");
    }

    @Test
    void aSettingTheOsHasNoOptionForIsRefusedUnlessLeftToItsDefault() {
        // the probe count is fixed there: no default is asked for, so the plain command works
        assertThat(read(OLD_WINDOWS)).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5)).build());
        assertThatThrownBy(() -> read(OLD_WINDOWS, "--probes=4")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("--probes=4 cannot be used: Windows has no option for probes");
        // a zero user timeout is below TCP_MAXRT's range there
        assertThatThrownBy(() -> read(OLD_WINDOWS, "--user-timeout=0s"))
                .hasMessage("--user-timeout=0s is too short: TCP_MAXRT on Windows takes at least 1s");
    }
}
