package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.registry_h.ERROR_FILE_NOT_FOUND;
import static dev.keepalive.internal.windows.gen.registry_h.ERROR_SUCCESS;
import static dev.keepalive.internal.windows.gen.registry_h.ERROR_UNSUPPORTED_TYPE;

import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Platform.Os;
import java.time.Duration;

/**
 * Windows's keep-alive defaults: the registry values {@code KeepAliveTime} and {@code KeepAliveInterval}
 * (REG_DWORD, milliseconds) under {@link #PARAMETERS}, or Microsoft's documented defaults (2 hours, 1 second)
 * where the registry holds none; and the probe count, which Microsoft documents as 10 (and which cannot be
 * changed before Windows 10 1703).
 */
final class WindowsDefaults {

    /** The TCP/IP parameters key, under {@code HKEY_LOCAL_MACHINE}. */
    static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    /** Microsoft's documented default number of keep-alive probes. */
    static final int DEFAULT_PROBES = 10;
    /** Microsoft's documented default idle time (the {@code KeepAliveTime} registry value): 2 hours. */
    static final int DEFAULT_IDLE_MILLIS = 7_200_000;
    /** Microsoft's documented default interval (the {@code KeepAliveInterval} registry value): 1 second. */
    static final int DEFAULT_INTERVAL_MILLIS = 1_000;

    private WindowsDefaults() {
    }

    /**
     * Reads the defaults.
     *
     * @param registry the registry
     * @param countBySockopt whether this Windows has {@code TCP_KEEPCNT}; where it has not, the count is fixed
     * @return the defaults; a registry value that exists but cannot be read gives an unknown value with the
     *     reason
     */
    static SystemDefaults read(RegistryReader registry, boolean countBySockopt) {
        return new SystemDefaults(Os.WINDOWS.displayName(), idle(registry), interval(registry), probes(countBySockopt));
    }

    /** The default probe count, which needs no registry read. */
    static SourcedValue<Integer> probes(boolean countBySockopt) {
        return SourcedValue.of(DEFAULT_PROBES, ValueSource.SYSTEM_DEFAULT, countBySockopt
                ? "Microsoft's documented default for TCP_KEEPCNT"
                : "fixed by this Windows; TCP_KEEPCNT needs Windows 10 1703 or later");
    }

    /** The default idle time: one registry read. */
    static SourcedValue<Duration> idle(RegistryReader registry) {
        return milliseconds(registry, "KeepAliveTime", DEFAULT_IDLE_MILLIS);
    }

    /** The default interval: one registry read. */
    static SourcedValue<Duration> interval(RegistryReader registry) {
        return milliseconds(registry, "KeepAliveInterval", DEFAULT_INTERVAL_MILLIS);
    }

    private static SourcedValue<Duration> milliseconds(RegistryReader registry, String name, int documented) {
        RegistryReader.Dword read = registry.readDword(PARAMETERS, name);
        String where = "registry HKEY_LOCAL_MACHINE\\" + PARAMETERS + "\\" + name;
        if (read.status() == ERROR_SUCCESS()) {
            long millis = Integer.toUnsignedLong(read.value());
            if (millis == 0) {
                return SourcedValue.unknown(where + " holds 0, which Windows does not document");
            }
            return SourcedValue.of(Duration.ofMillis(millis), ValueSource.SYSTEM_DEFAULT, where);
        }
        if (read.status() == ERROR_FILE_NOT_FOUND()) {
            return SourcedValue.of(Duration.ofMillis(documented), ValueSource.SYSTEM_DEFAULT,
                    "Microsoft's documented default; the registry holds no " + name);
        }
        if (read.status() == ERROR_UNSUPPORTED_TYPE()) {
            return SourcedValue.unknown(where + " is not a REG_DWORD");
        }
        return SourcedValue.unknown("RegGetValueW(" + name + ") failed with Windows error " + read.status());
    }
}
