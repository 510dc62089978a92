package dev.keepalive.cli;

import dev.keepalive.Capabilities;
import dev.keepalive.KeepAlive;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The keep-alive settings given on the command line, read and checked against the running OS's limits (as
 * the capability report gives them) before any socket is made. Every mistake is told in the command line's
 * own words: the option and value as typed, and the limit in the unit typed.
 *
 * <p>Unless given: keep-alive on, idle 30s, interval 5s, 3 probes (each only where this OS can change it),
 * and the user timeout left as it is.
 */
final class Settings {

    private static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final long DEFAULT_PROBES = 3;

    /** {@link Capabilities#socketAccess()} where the JVM options that reach descriptors are missing. */
    private static final String JDK_OPTIONS = "JDK socket options";
    /** How the capability report's note on the missing JVM options begins its advice. */
    private static final String START = "start the JVM with";

    private final Arguments arguments;
    private final Capabilities capabilities;

    private Settings(Arguments arguments, Capabilities capabilities) {
        this.arguments = arguments;
        this.capabilities = capabilities;
    }

    /**
     * Reads and checks the settings.
     *
     * @param arguments the command's arguments
     * @param capabilities what the running OS can change, and within which limits
     * @return the settings, each value within this OS's limits
     * @throws IllegalArgumentException if a value cannot be read or is outside this OS's limits
     * @throws UnsupportedOperationException if a setting given is one this OS cannot change
     */
    static KeepAlive read(Arguments arguments, Capabilities capabilities) {
        Settings settings = new Settings(arguments, capabilities);
        KeepAlive.Builder builder = KeepAlive.builder().enabled(settings.enabled());
        settings.duration("idle", "idle", false, DEFAULT_IDLE).ifPresent(builder::idle);
        settings.duration("interval", "interval", false, DEFAULT_INTERVAL).ifPresent(builder::interval);
        settings.probes().ifPresent(probes -> builder.probes((int) probes));
        settings.duration("user-timeout", "userTimeout", true, null).ifPresent(builder::userTimeout);
        return builder.build();
    }

    private boolean enabled() {
        return arguments.option("keepalive").map(typed -> switch (typed.value().strip()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(typed.shown() + " is neither on nor off");
        }).orElse(true);
    }

    /** A duration option, checked; the default where none is given and this OS can change the setting. */
    private Optional<Duration> duration(String option, String setting, boolean zeroAllowed, Duration byDefault) {
        Optional<Arguments.Typed> typed = arguments.option(option);
        Optional<Capabilities.Option> limits = capabilities.option(setting);
        if (typed.isEmpty()) {
            return limits.isPresent() ? Optional.ofNullable(byDefault) : Optional.empty();
        }
        Duration value = arguments.duration(option).orElseThrow();
        if (value.isNegative() || !zeroAllowed && value.isZero()) {
            throw new IllegalArgumentException("--" + option
                    + (zeroAllowed ? " must not be negative" : " must be positive")
                    + ", got " + typed.get().value().strip());
        }
        Capabilities.Option limit = limits.orElseThrow(() -> cannotChange(typed.get(), setting));
        Duration unit = unit(limit);
        long amount = ceil(value, unit);
        String typedValue = typed.get().value();
        if (amount > limit.max()) {
            String rounding = value.getNano() % unit.toNanos() == 0 ? ""
                    : " (it counts whole " + (unit.getSeconds() == 1 ? "seconds" : "milliseconds") + ", rounding up)";
            throw outside(typed.get(), "too long", limit, "at most "
                    + Durations.formatLike(unit.multipliedBy(limit.max()), typedValue) + rounding);
        }
        if (amount < limit.min()) {
            throw outside(typed.get(), "too short", limit, "at least "
                    + Durations.formatLike(unit.multipliedBy(limit.min()), typedValue));
        }
        return Optional.of(value);
    }

    private OptionalLong probes() {
        Optional<Arguments.Typed> typed = arguments.option("probes");
        Optional<Capabilities.Option> limits = capabilities.option("probes");
        if (typed.isEmpty()) {
            return limits.isPresent() ? OptionalLong.of(DEFAULT_PROBES) : OptionalLong.empty();
        }
        long probes = arguments.integer("probes").orElseThrow();
        if (probes < 1) {
            throw new IllegalArgumentException("--probes must be at least 1, got " + typed.get().value().strip());
        }
        Capabilities.Option option = limits.orElseThrow(() -> cannotChange(typed.get(), "probes"));
        if (probes > option.max()) {
            throw outside(typed.get(), "too many", option, "at most " + option.max());
        }
        if (probes < option.min()) {
            throw outside(typed.get(), "too few", option, "at least " + option.min());
        }
        return OptionalLong.of(probes);
    }

    private IllegalArgumentException outside(Arguments.Typed typed, String problem, Capabilities.Option option,
                                             String limit) {
        return new IllegalArgumentException(typed.shown() + " is " + problem + ": " + option.nativeOption() + " on "
                + capabilities.os() + " takes " + limit);
    }

    /** A setting missing from the report: this OS has no option for it, or this JVM cannot reach the option. */
    private UnsupportedOperationException cannotChange(Arguments.Typed typed, String setting) {
        if (capabilities.socketAccess().equals(JDK_OPTIONS)) {
            String advice = capabilities.notes().stream().filter(note -> note.contains(START))
                    .map(note -> note.substring(note.indexOf(START))).findFirst()
                    .orElse("start the JVM with the options the capability report names");
            return new UnsupportedOperationException(typed.shown() + " cannot be used: this JVM reaches sockets"
                    + " through the JDK's socket options, which offer no " + setting + "; to reach it on the"
                    + " socket's descriptor, " + advice);
        }
        return new UnsupportedOperationException(typed.shown() + " cannot be used: " + capabilities.os()
                + " has no option for " + setting);
    }

    private static Duration unit(Capabilities.Option option) {
        return switch (option.unit()) {
            case "s" -> Duration.ofSeconds(1);
            case "ms" -> Duration.ofMillis(1);
            default -> throw new IllegalStateException(option.nativeOption() + " takes " + option.unit()
                    + ", not a duration");
        };
    }

    /** How many units it takes to cover a non-negative duration; {@link Long#MAX_VALUE} if more. */
    private static long ceil(Duration value, Duration unit) {
        long whole;
        try {
            whole = value.dividedBy(unit);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return value.equals(unit.multipliedBy(whole)) || whole == Long.MAX_VALUE ? whole : whole + 1;
    }
}
