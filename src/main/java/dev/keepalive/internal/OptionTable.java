package dev.keepalive.internal;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options one OS offers for the keep-alive settings, and the conversion of {@link KeepAlive} values into
 * those options' units, checked against the OS's limits before any native call.
 */
public final class OptionTable {

    /** Marks a setting that is absent from a converted value array. */
    public static final long ABSENT = -1;

    private final String os;
    private final Map<Setting, OptionSpec> specs = new EnumMap<>(Setting.class);
    private final Map<Setting, String> unsupportedReasons;

    /**
     * Creates a table.
     *
     * @param os the OS's name, for messages
     * @param specs one option per supported setting; a setting without one is unsupported
     */
    public OptionTable(String os, Collection<OptionSpec> specs) {
        this(os, specs, Map.of());
    }

    /**
     * Creates a table that explains why some settings are unsupported.
     *
     * @param os the OS's name, for messages
     * @param specs one option per supported setting; a setting without one is unsupported
     * @param unsupportedReasons for unsupported settings, what the user should know, in words
     */
    public OptionTable(String os, Collection<OptionSpec> specs, Map<Setting, String> unsupportedReasons) {
        this.os = Objects.requireNonNull(os, "os");
        this.unsupportedReasons = Map.copyOf(unsupportedReasons);
        for (OptionSpec spec : specs) {
            if (this.specs.put(spec.setting(), spec) != null) {
                throw new IllegalArgumentException("two options for " + spec.setting());
            }
        }
        if (!this.specs.containsKey(Setting.ENABLED)) {
            throw new IllegalArgumentException("no option for " + Setting.ENABLED);
        }
    }

    /**
     * The OS's name.
     *
     * @return for example {@code Linux}
     */
    public String os() {
        return os;
    }

    /**
     * The options, in apply order.
     *
     * @return an unmodifiable view
     */
    public Map<Setting, OptionSpec> specs() {
        return Collections.unmodifiableMap(specs);
    }

    /**
     * Whether this OS can set the setting at all.
     *
     * @param setting the setting
     * @return {@code true} if an option exists for it
     */
    public boolean supports(Setting setting) {
        return specs.containsKey(setting);
    }

    /**
     * The option for a setting.
     *
     * @param setting the setting
     * @return the option
     * @throws UnsupportedOperationException if this OS has no option for it
     */
    public OptionSpec require(Setting setting) {
        OptionSpec spec = specs.get(setting);
        if (spec == null) {
            String reason = unsupportedReasons.get(setting);
            throw new UnsupportedOperationException(setting.label() + " cannot be set on " + os
                    + (reason == null ? "" : ": " + reason));
        }
        return spec;
    }

    /**
     * Converts a duration into the option's unit, rounding up.
     *
     * @param setting a time setting
     * @param value a non-negative duration
     * @return the value in the option's unit
     * @throws IllegalArgumentException if the rounded value is outside the OS's range
     * @throws UnsupportedOperationException if this OS has no option for the setting
     */
    public int toNative(Setting setting, Duration value) {
        Objects.requireNonNull(value, setting.label());
        OptionSpec spec = require(setting);
        if (!spec.unit().isTime()) {
            throw new IllegalStateException(spec.name() + " does not take a duration");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(setting.label() + " must not be negative, was " + value);
        }
        long amount = spec.unit().ceil(value);
        if (amount < spec.min() || amount > spec.max()) {
            throw new IllegalArgumentException(setting.label() + " " + value + " is outside " + spec.name()
                    + "'s range on " + os + ": " + spec.range() + " (durations are rounded up to whole "
                    + (spec.unit() == Unit.SECONDS ? "seconds" : "milliseconds") + ")");
        }
        return (int) amount;
    }

    /**
     * Checks a count against the option's range.
     *
     * @param setting a count setting
     * @param value the count
     * @return the value
     * @throws IllegalArgumentException if it is outside the OS's range
     * @throws UnsupportedOperationException if this OS has no option for the setting
     */
    public int toNative(Setting setting, int value) {
        OptionSpec spec = require(setting);
        if (value < spec.min() || value > spec.max()) {
            throw new IllegalArgumentException(setting.label() + " " + value + " is outside " + spec.name()
                    + "'s range on " + os + ": " + spec.range());
        }
        return value;
    }

    /**
     * Converts every present field of the settings, checking each against the OS's limits.
     *
     * @param settings the settings
     * @return native values indexed by {@link Setting#ordinal()}, {@link #ABSENT} where absent
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException if a present field cannot be set on this OS
     */
    public long[] toNative(KeepAlive settings) {
        long[] values = new long[Setting.values().length];
        java.util.Arrays.fill(values, ABSENT);
        settings.idle().ifPresent(d -> values[Setting.IDLE.ordinal()] = toNative(Setting.IDLE, d));
        settings.interval().ifPresent(d -> values[Setting.INTERVAL.ordinal()] = toNative(Setting.INTERVAL, d));
        settings.probes().ifPresent(n -> values[Setting.PROBES.ordinal()] = toNative(Setting.PROBES, n));
        settings.userTimeout().ifPresent(
                d -> values[Setting.USER_TIMEOUT.ordinal()] = toNative(Setting.USER_TIMEOUT, d));
        values[Setting.ENABLED.ordinal()] = settings.enabled() ? 1 : 0;
        return values;
    }

    /**
     * Builds settings from native values.
     *
     * @param values native values indexed by {@link Setting#ordinal()}, negative where unknown
     * @return the settings, with unknown fields absent
     */
    public KeepAlive toKeepAlive(long[] values) {
        KeepAlive.Builder builder = KeepAlive.builder().enabled(values[Setting.ENABLED.ordinal()] > 0);
        long idle = values[Setting.IDLE.ordinal()];
        if (idle > 0) {
            builder.idle(require(Setting.IDLE).unit().toDuration(idle));
        }
        long interval = values[Setting.INTERVAL.ordinal()];
        if (interval > 0) {
            builder.interval(require(Setting.INTERVAL).unit().toDuration(interval));
        }
        long probes = values[Setting.PROBES.ordinal()];
        if (probes > 0) {
            builder.probes((int) probes);
        }
        long userTimeout = values[Setting.USER_TIMEOUT.ordinal()];
        if (userTimeout >= 0) {
            builder.userTimeout(require(Setting.USER_TIMEOUT).unit().toDuration(userTimeout));
        }
        return builder.build();
    }
}
