package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.Platform.Os;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The system defaults read through the real native paths of macOS ({@code sysctlbyname}) and Windows
 * ({@code RegGetValueW}); these run only on runners of those systems. Linux is covered by
 * {@link EffectiveKeepAliveIT}.
 */
class SystemDefaultsIT {
    private static final String WINDOWS = Os.WINDOWS.displayName();


    @Test
    @EnabledOnOs(OS.MAC)
    void macOsDefaultsAreReadAndAgreeWithAFreshSocket() throws Exception {
        SystemDefaults defaults = SocketKeepAlive.systemDefaults();

        assertThat(defaults.idle().origin()).isEqualTo("sysctl net.inet.tcp.keepidle");
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(defaults.interval().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(defaults.probes().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        try (SocketChannel fresh = SocketChannel.open()) {
            int idle = fresh.getOption(ExtendedSocketOptions.TCP_KEEPIDLE);
            EffectiveKeepAlive effective = SocketKeepAlive.of(fresh).effective();
            // newer macOS reports the system default for an option never set, older macOS reports 0
            if (idle != 0) {
                assertThat(defaults.idle().value()).contains(Duration.ofSeconds(idle));
                assertThat(defaults.interval().value())
                        .contains(Duration.ofSeconds(fresh.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
                assertThat(defaults.probes().value()).contains(fresh.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
                assertThat(effective.idle().source()).as("read from the socket").isEqualTo(ValueSource.SOCKET);
            } else {
                // 0 means "never set": the report falls back to the system default rather than saying 0
                assertThat(effective.idle().source()).as("0 read back").isEqualTo(ValueSource.SYSTEM_DEFAULT);
                assertThat(effective.idle().origin()).isEqualTo(defaults.idle().origin());
            }
            assertThat(effective.idle().value()).isEqualTo(defaults.idle().value());
            assertThat(effective.probes().value()).isEqualTo(defaults.probes().value());
        }
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsDefaultsComeFromTheRegistryOrMicrosoftsDocumentation() {
        SystemDefaults defaults = SocketKeepAlive.systemDefaults();

        assertThat(defaults.os()).isEqualTo(WINDOWS);
        for (SourcedValue<Duration> time : java.util.List.of(defaults.idle(), defaults.interval())) {
            assertThat(time.source()).as(time.toString()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
            assertThat(time.origin()).as(time.toString())
                    .matches("registry HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Tcpip"
                            + "\\\\Parameters\\\\KeepAlive(Time|Interval)|Microsoft's documented default; .*");
            assertThat(time.value()).get().matches(duration -> duration.isPositive());
        }
        assertThat(defaults.probes().value()).contains(10);
    }
}
