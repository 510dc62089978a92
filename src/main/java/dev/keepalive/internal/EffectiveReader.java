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
 * Builds one {@link EffectiveKeepAlive} report: each setting read from the socket, or remembered, or the system
 * default where the socket has no value of its own that can be read. Used once, under the session's lock.
 */
final class EffectiveReader {

    /** What Windows reports for {@code TCP_MAXRT} when retransmission has no time limit. */
    private static final int NO_TIME_LIMIT = -1;

    private final OptionTable table;
    private final SocketOptions options;
    private final Supplier<SystemDefaults> defaultsReader;
    private final boolean viaJdk;
    private SystemDefaults defaults;

    EffectiveReader(OptionTable table, SocketOptions options, Supplier<SystemDefaults> defaultsReader,
                    boolean viaJdk) {
        this.table = table;
        this.options = options;
        this.defaultsReader = defaultsReader;
        this.viaJdk = viaJdk;
    }

    EffectiveKeepAlive read() throws IOException {
        return new EffectiveKeepAlive(table.os(), enabled(),
                withDefault(Setting.IDLE, SystemDefaults::idle, value -> duration(Setting.IDLE, value)),
                withDefault(Setting.INTERVAL, SystemDefaults::interval, value -> duration(Setting.INTERVAL, value)),
                withDefault(Setting.PROBES, SystemDefaults::probes, Integer::valueOf),
                userTimeout());
    }

    private SourcedValue<Boolean> enabled() throws IOException {
        try {
            return SourcedValue.of(options.get(Setting.ENABLED) != 0, ValueSource.SOCKET, origin(Setting.ENABLED));
        } catch (UnsupportedOperationException e) {
            return SourcedValue.unknown(e.getMessage());
        }
    }

    /** Idle, interval and probes: the system default applies where the socket has no readable value. */
    private <T> SourcedValue<T> withDefault(Setting setting, Function<SystemDefaults, SourcedValue<T>> fallback,
                                            IntFunction<T> convert) throws IOException {
        if (!table.supports(setting) || options.sourceOf(setting) == ValueSource.SYSTEM_DEFAULT) {
            return fallback.apply(defaults());
        }
        int value;
        try {
            value = options.get(setting);
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
        ValueSource source = options.sourceOf(setting);
        return SourcedValue.of(convert.apply(value), source, source == ValueSource.REMEMBERED
                ? "set by this library with " + table.require(setting).name() + ", which " + table.os()
                        + " cannot report"
                : origin(setting));
    }

    private SourcedValue<Duration> userTimeout() throws IOException {
        try {
            table.require(Setting.USER_TIMEOUT);
            int value = options.get(Setting.USER_TIMEOUT);
            if (value == NO_TIME_LIMIT) {
                return SourcedValue.of(Duration.ZERO, ValueSource.SOCKET,
                        origin(Setting.USER_TIMEOUT) + " reports -1: no time limit");
            }
            if (value < 0) {
                return SourcedValue.unknown(origin(Setting.USER_TIMEOUT) + " reports " + value);
            }
            return SourcedValue.of(duration(Setting.USER_TIMEOUT, value), ValueSource.SOCKET,
                    origin(Setting.USER_TIMEOUT));
        } catch (UnsupportedOperationException e) {
            return SourcedValue.unknown(e.getMessage());
        }
    }

    private Duration duration(Setting setting, int value) {
        return table.require(setting).unit().toDuration(value);
    }

    private SystemDefaults defaults() {
        if (defaults == null) {
            defaults = defaultsReader.get();
        }
        return defaults;
    }

    private String origin(Setting setting) {
        String name = table.require(setting).name();
        return viaJdk ? "the JDK's socket option " + name : "getsockopt(" + name + ")";
    }
}
