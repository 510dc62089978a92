package dev.keepalive.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes durations the way the command line shows them: a whole number with a unit, {@code 1500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT30S}.
 */
final class Durations {

    /** The forms accepted, for messages. */
    static final String FORMS = "30s, 1500ms, 2m, 1h or PT30S";

    /** The units of the short form, largest first. */
    private static final List<Unit> UNITS = List.of(
            new Unit("h", Duration.ofHours(1)), new Unit("m", Duration.ofMinutes(1)),
            new Unit("s", Duration.ofSeconds(1)), new Unit("ms", Duration.ofMillis(1)));

    private record Unit(String symbol, Duration size) {
    }

    private Durations() {
    }

    /**
     * Parses a whole number (optionally signed) followed by {@code ms}, {@code s}, {@code m} or {@code h}, or an
     * ISO-8601 duration ({@code PT30S}, {@code PT1.5S}); case and surrounding spaces do not matter.
     *
     * @throws IllegalArgumentException if the text is not such a duration, or too long for a {@link Duration};
     *     the message speaks of the text alone, for the caller to put the option's name in front
     */
    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (isIso(value)) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a duration (use " + FORMS + ")");
            }
        }
        Unit unit = unitOf(value).orElseThrow(() -> new IllegalArgumentException(
                value.isEmpty() || Character.isDigit(value.charAt(value.length() - 1))
                        ? "has no unit (use " + FORMS + ")"
                        : "is not a duration (use " + FORMS + ")"));
        String number = value.substring(0, value.length() - unit.symbol().length());
        long amount;
        try {
            amount = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a duration (use " + FORMS + ")");
        }
        try {
            return unit.size().multipliedBy(amount);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too long to be a duration");
        }
    }

    /** Whole seconds as {@code 30s}, anything finer as milliseconds ({@code 1500ms}). */
    static String format(Duration duration) {
        if (duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            try {
                return duration.toMillis() + "ms";
            } catch (ArithmeticException e) {
                return duration.toString();
            }
        }
        return duration.toSeconds() + "s";
    }

    /**
     * A duration written like the text the user typed: ISO-8601 if that is what was typed; else in the unit
     * typed where the duration is a whole number of it, else in the largest smaller unit that is exact
     * ({@code 32767s} for a limit asked about in hours).
     *
     * @param duration a non-negative duration, such as a limit
     * @param typed what the user typed for the value being compared with it
     */
    static String formatLike(Duration duration, String typed) {
        String value = typed.strip().toLowerCase(Locale.ROOT);
        Optional<Unit> typedUnit = isIso(value) ? Optional.empty() : unitOf(value);
        if (typedUnit.isEmpty()) {
            return duration.toString();
        }
        for (Unit unit : UNITS.subList(UNITS.indexOf(typedUnit.get()), UNITS.size())) {
            if (isWholeNumberOf(duration, unit.size())) {
                try {
                    return duration.dividedBy(unit.size()) + unit.symbol();
                } catch (ArithmeticException e) {
                    break; // more of the unit than a long holds
                }
            }
        }
        return duration.toString();
    }

    /** Seconds with two decimals ({@code 4.05s}), for measured times. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2fs", duration.toNanos() / 1e9);
    }

    private static boolean isWholeNumberOf(Duration duration, Duration unit) {
        if (unit.getSeconds() > 0) {
            return duration.getNano() == 0 && duration.getSeconds() % unit.getSeconds() == 0;
        }
        return duration.getNano() % unit.getNano() == 0;
    }

    private static boolean isIso(String value) {
        return value.startsWith("p") || value.startsWith("-p") || value.startsWith("+p");
    }

    private static Optional<Unit> unitOf(String value) {
        // "ms" before "m" and "s": the longest symbol that ends the text
        return UNITS.stream().filter(unit -> value.endsWith(unit.symbol()))
                .max(Comparator.comparingInt(unit -> unit.symbol().length()));
    }
}
