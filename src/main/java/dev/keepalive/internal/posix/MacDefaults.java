package dev.keepalive.internal.posix;

import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Platform.Os;
import java.io.IOException;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * macOS's keep-alive defaults, read with {@code sysctlbyname}: {@code net.inet.tcp.keepidle} and
 * {@code net.inet.tcp.keepintvl} in milliseconds, {@code net.inet.tcp.keepcnt} as a count. The units are
 * XNU's: {@code bsd/netinet/tcp_timer.c} declares keepidle and keepintvl with the handler
 * {@code sysctl_msec_to_ticks}, which reports the kernel's ticks ({@code TCP_RETRANSHZ} per second) as
 * milliseconds, and keepcnt as a plain {@code int} ({@code SYSCTL_INT}).
 */
final class MacDefaults {

    static final String KEEPIDLE = "net.inet.tcp.keepidle";
    static final String KEEPINTVL = "net.inet.tcp.keepintvl";
    static final String KEEPCNT = "net.inet.tcp.keepcnt";

    private MacDefaults() {
    }

    /**
     * Reads the three settings.
     *
     * @param sysctl the reader
     * @return the defaults; a setting that cannot be read gives an unknown value with the reason
     */
    static SystemDefaults read(Sysctl sysctl) {
        return new SystemDefaults(Os.MACOS.displayName(),
                positive(sysctl, KEEPIDLE, Duration::ofMillis),
                positive(sysctl, KEEPINTVL, Duration::ofMillis),
                positive(sysctl, KEEPCNT, Integer::valueOf));
    }

    private static <T> SourcedValue<T> positive(Sysctl sysctl, String name, IntFunction<T> convert) {
        int value;
        try {
            value = sysctl.readInt(name);
        } catch (IOException e) {
            return SourcedValue.unknown("cannot read sysctl " + name + ": " + e.getMessage());
        }
        if (value < 1) {
            return SourcedValue.unknown("sysctl " + name + " holds " + value + ", not a positive value");
        }
        return SourcedValue.of(convert.apply(value), ValueSource.SYSTEM_DEFAULT, "sysctl " + name);
    }
}
