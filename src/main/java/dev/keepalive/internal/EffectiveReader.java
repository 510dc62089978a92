package dev.keepalive.internal;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Builds one {@link EffectiveKeepAlive} report: each setting read from the socket, or the system default
 * where the socket has no value of its own that can be read. Used once, under the session's lock; reads the
 * system defaults at most once, and only if a field needs them.
 */
public final class EffectiveReader {

    /** Reads one option of the socket. */
    @FunctionalInterface
    public interface Getter {
        /**
         * Reads one option.
         *
         * @param setting the setting
         * @return the value in the option's unit
         * @throws IOException if the OS refuses
         */
        int get(Setting setting) throws IOException;
    }

    private final OptionTable table;
    private final Getter getter;
    private final Supplier<SystemDefaults> defaultsReader;
    private final boolean viaJdk;
    private SystemDefaults defaults;

    /**
     * Creates a report builder.
     *
     * @param table the options in use
     * @param getter reads the socket's options
     * @param defaultsReader reads the system defaults
     * @param viaJdk whether the options are the JDK's, for the origins
     */
    public EffectiveReader(OptionTable table, Getter getter, Supplier<SystemDefaults> defaultsReader, boolean viaJdk) {
        this.table = table;
        this.getter = getter;
        this.defaultsReader = defaultsReader;
        this.viaJdk = viaJdk;
    }

    /**
     * The whole report, every field read from the socket or defaulted.
     *
     * @return the report
     * @throws IOException if the OS refuses
     */
    public EffectiveKeepAlive read() throws IOException {
        return new EffectiveKeepAlive(table.os().displayName(), enabled(), idle(), interval(), probes(), userTimeout());
    }

    /**
     * Whether keep-alive is on.
     *
     * @return the value read from the socket, or unknown where it cannot be read
     * @throws IOException if the OS refuses
     */
    public SourcedValue<Boolean> enabled() throws IOException {
        try {
            return SourcedValue.of(getter.get(Setting.ENABLED) != 0, ValueSource.SOCKET, origin(Setting.ENABLED));
        } catch (UnsupportedOperationException e) {
            return SourcedValue.unknown(e.getMessage());
        }
    }

    /**
     * The idle time.
     *
     * @return read from the socket, or the system default
     * @throws IOException if the OS refuses
     */
    public SourcedValue<Duration> idle() throws IOException {
        return withDefault(Setting.IDLE, SystemDefaults::idle, value -> table.toDuration(Setting.IDLE, value));
    }

    /**
     * The interval.
     *
     * @return read from the socket, or the system default
     * @throws IOException if the OS refuses
     */
    public SourcedValue<Duration> interval() throws IOException {
        return withDefault(Setting.INTERVAL, SystemDefaults::interval,
                value -> table.toDuration(Setting.INTERVAL, value));
    }

    /**
     * The probe count.
     *
     * @return read from the socket, or the system default
     * @throws IOException if the OS refuses
     */
    public SourcedValue<Integer> probes() throws IOException {
        return withDefault(Setting.PROBES, SystemDefaults::probes, Integer::valueOf);
    }

    /**
     * The system defaults, read on first use.
     *
     * @return the defaults
     */
    public SystemDefaults defaults() {
        if (defaults == null) {
            defaults = defaultsReader.get();
        }
        return defaults;
    }

    /** Idle, interval and probes: the system default applies where the socket has no readable value. */
    private <T> SourcedValue<T> withDefault(Setting setting, Function<SystemDefaults, SourcedValue<T>> fallback,
                                            IntFunction<T> convert) throws IOException {
        if (!table.supports(setting)) {
            if (viaJdk) {
                // the socket may well hold a value of its own that the JDK cannot reach: not a default
                try {
                    table.require(setting);
                } catch (UnsupportedOperationException e) {
                    return SourcedValue.unknown(e.getMessage());
                }
            }
            return fallback.apply(defaults());
        }
        int value;
        try {
            value = getter.get(setting);
        } catch (UnsupportedOperationException e) {
            return SourcedValue.unknown(e.getMessage());
        }
        if (value == 0) {
            // older macOS reports 0 for an option never set on the socket: the system default applies
            SourcedValue<T> fallbackValue = fallback.apply(defaults());
            return fallbackValue.source() == ValueSource.UNKNOWN
                    ? SourcedValue.unknown(origin(setting) + " reports 0 (not set); " + fallbackValue.origin())
                    : fallbackValue;
        }
        if (value < 0) {
            return SourcedValue.unknown(origin(setting) + " reports " + value);
        }
        return SourcedValue.of(convert.apply(value), ValueSource.SOCKET, origin(setting));
    }

    /**
     * The user timeout.
     *
     * @return read from the socket, or unknown where it cannot be read
     * @throws IOException if the OS refuses
     */
    public SourcedValue<Duration> userTimeout() throws IOException {
        try {
            OptionSpec spec = table.require(Setting.USER_TIMEOUT);
            int value = getter.get(Setting.USER_TIMEOUT);
            if (spec.forever() != NativeKeepAlive.ABSENT && value == spec.forever()) {
                // Microsoft Learn, "IPPROTO_TCP socket options": TCP_MAXRT -1 disables the connection timeout
                return SourcedValue.of(OptionTable.FOREVER, ValueSource.SOCKET,
                        origin(Setting.USER_TIMEOUT) + " reports " + value + ": retransmits forever");
            }
            if (!spec.accepts(value)) {
                // Windows documents the values one sets, not what an unset TCP_MAXRT reads
                return SourcedValue.unknown(origin(Setting.USER_TIMEOUT) + " reports " + value
                        + ", outside the values this library sets (" + spec.range() + ")");
            }
            return SourcedValue.of(table.toDuration(Setting.USER_TIMEOUT, value), ValueSource.SOCKET,
                    origin(Setting.USER_TIMEOUT));
        } catch (UnsupportedOperationException e) {
            if (viaJdk && table.os() == Platform.Os.LINUX) {
                // Linux starts every socket without one, has no system-wide default for it, and no JDK option
                // sets it: the value is known without the descriptor, though it cannot be read
                return SourcedValue.of(Duration.ZERO, ValueSource.SYSTEM_DEFAULT, "none, as on every new socket on"
                        + " Linux: no JDK socket option sets it; to read or set it on the socket's descriptor, "
                        + JdkSockets.advice());
            }
            return SourcedValue.unknown(e.getMessage());
        }
    }

    private String origin(Setting setting) {
        String name = table.require(setting).name();
        return viaJdk ? "the JDK's socket option " + name : "getsockopt(" + name + ")";
    }
}
