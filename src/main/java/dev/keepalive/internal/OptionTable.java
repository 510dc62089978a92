package dev.keepalive.internal;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.Platform.Os;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options one OS offers for the keep-alive settings, and the conversion of {@link KeepAlive} values into
 * those options' units, checked against the OS's limits before any native call. The rules shared by every OS
 * are in {@link Ranges}; this class adds each option's own range.
 */
public final class OptionTable {

    /** The duration that asks for no limit, where an option has such a value: {@code ChronoUnit.FOREVER}. */
    public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private final Os os;
    private final Map<Setting, OptionSpec> specs = new EnumMap<>(Setting.class);
    private final Map<Setting, String> unsupportedReasons;
    /** How the options are reached where that is not the OS's own calls, for messages; else {@code null}. */
    private final String path;

    /**
     * Creates a table.
     *
     * @param os the OS, for messages and reports
     * @param specs one option per supported setting; a setting without one is unsupported
     * @param unsupportedReasons for unsupported settings, what the user should know, in words
     * @throws IllegalArgumentException if two options carry one setting, or none carries {@code enabled}
     */
    public OptionTable(Os os, Collection<OptionSpec> specs, Map<Setting, String> unsupportedReasons) {
        this(os, specs, unsupportedReasons, null);
    }

    /**
     * Creates a table of the options as reached some other way than the OS's own calls, so that a setting
     * missing from it is told as out of reach on that path, not as one the OS cannot change.
     *
     * @param os the OS, for messages and reports
     * @param specs one option per setting reachable this way
     * @param unsupportedReasons for the other settings, what the user should do, in words
     * @param path how the options are reached, such as {@code the JDK's socket options}
     * @throws IllegalArgumentException if two options carry one setting, or none carries {@code enabled}
     */
    public OptionTable(Os os, Collection<OptionSpec> specs, Map<Setting, String> unsupportedReasons, String path) {
        this.path = path;
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
     * The OS.
     *
     * @return the family
     */
    public Os os() {
        return os;
    }

    /**
     * The options, in {@link Setting} order.
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
            String where = path == null ? "on " + os.displayName() : "through " + path;
            throw new UnsupportedOperationException(setting.label() + " cannot be set " + where
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
     * @throws IllegalArgumentException if it is negative or the rounded value is outside the OS's range
     * @throws UnsupportedOperationException if this OS has no option for the setting
     */
    public int toNative(Setting setting, Duration value) {
        Ranges.notNegative(setting.label(), value);
        OptionSpec spec = require(setting);
        if (!spec.unit().isTime()) {
            throw new IllegalStateException(spec.name() + " does not take a duration");
        }
        if (spec.forever() != NativeKeepAlive.ABSENT && value.equals(FOREVER)) {
            return spec.forever();
        }
        long amount = spec.unit().ceil(value);
        if (amount < spec.min() || amount > spec.max()) {
            throw new IllegalArgumentException(setting.label() + " " + value + " is outside " + spec.name()
                    + "'s range on " + os.displayName() + ": " + spec.range() + " (durations are rounded up to whole "
                    + (spec.unit() == Unit.SECONDS ? "seconds" : "milliseconds") + ")");
        }
        return (int) amount;
    }

    /**
     * Whether this OS takes a duration for a setting: it has an option for it and the value, rounded up,
     * is within the option's range. Values read from a socket can lie outside it (a system default above what
     * {@code setsockopt} takes).
     *
     * @param setting a time setting
     * @param value a non-negative duration
     * @return {@code true} if {@link #toNative(Setting, Duration)} would take it
     */
    public boolean accepts(Setting setting, Duration value) {
        OptionSpec spec = specs.get(setting);
        if (spec == null || value.isNegative()) {
            return false;
        }
        long amount = spec.unit().ceil(value);
        return amount >= spec.min() && amount <= spec.max();
    }

    /**
     * Whether this OS takes a count for a setting.
     *
     * @param setting a count setting
     * @param value the count
     * @return {@code true} if {@link #toNative(Setting, int)} would take it
     */
    public boolean accepts(Setting setting, int value) {
        OptionSpec spec = specs.get(setting);
        return spec != null && value >= spec.min() && value <= spec.max();
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
                    + "'s range on " + os.displayName() + ": " + spec.range());
        }
        return value;
    }

    /**
     * Converts every present field of the settings, checking each against the OS's limits.
     *
     * @param settings the settings
     * @return the native values, {@link NativeKeepAlive#ABSENT} where absent; {@code enabled} always given
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException if a present field cannot be set on this OS
     */
    public NativeKeepAlive toNative(KeepAlive settings) {
        int idle = settings.idle().isPresent() ? toNative(Setting.IDLE, settings.idle().get()) : NativeKeepAlive.ABSENT;
        int interval = settings.interval().isPresent()
                ? toNative(Setting.INTERVAL, settings.interval().get()) : NativeKeepAlive.ABSENT;
        int probes = settings.probes().isPresent()
                ? toNative(Setting.PROBES, settings.probes().getAsInt()) : NativeKeepAlive.ABSENT;
        int userTimeout = settings.userTimeout().isPresent()
                ? toNative(Setting.USER_TIMEOUT, settings.userTimeout().get()) : NativeKeepAlive.ABSENT;
        return new NativeKeepAlive(settings.enabled() ? 1 : 0, idle, interval, probes, userTimeout);
    }

    /**
     * Builds settings from native values.
     *
     * @param values the native values; a field that is absent, or outside what {@link KeepAlive} can hold, is
     *     left out
     * @return the settings
     */
    public KeepAlive toKeepAlive(NativeKeepAlive values) {
        KeepAlive.Builder builder = KeepAlive.builder().enabled(values.enabled() > 0);
        if (values.idle() > 0) {
            builder.idle(toDuration(Setting.IDLE, values.idle()));
        }
        if (values.interval() > 0) {
            builder.interval(toDuration(Setting.INTERVAL, values.interval()));
        }
        if (values.probes() > 0) {
            builder.probes(values.probes());
        }
        if (values.has(Setting.USER_TIMEOUT) && supports(Setting.USER_TIMEOUT)
                && require(Setting.USER_TIMEOUT).accepts(values.userTimeout())) {
            builder.userTimeout(toDuration(Setting.USER_TIMEOUT, values.userTimeout()));
        }
        return builder.build();
    }

    /**
     * Converts a native time value back into a duration.
     *
     * @param setting a time setting this OS supports
     * @param value a non-negative value in the option's unit, or the option's "no limit" value
     * @return the duration; {@link #FOREVER} for "no limit"
     */
    public Duration toDuration(Setting setting, int value) {
        OptionSpec spec = require(setting);
        return spec.forever() != NativeKeepAlive.ABSENT && value == spec.forever() ? FOREVER
                : spec.unit().toDuration(value);
    }
}
