package dev.keepalive.cli;

import java.time.Duration;
import java.util.Locale;

/** Reads and writes durations the way the command line shows them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
final class Durations {

    private Durations() {
    }

    /**
     * Parses a whole number followed by {@code ms}, {@code s}, {@code m} or {@code h}.
     *
     * @throws IllegalArgumentException if the text is not such a duration
     */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("unknown unit in '" + text + "' (use ms, s, m or h)");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use ms, s, m or h)");
        }
    }

    /** Whole seconds as {@code 30s}, anything finer as milliseconds ({@code 1500ms}). */
    static String format(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        return duration.toSeconds() + "s";
    }

    /** Seconds with two decimals ({@code 4.05s}), for measured times. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2fs", duration.toNanos() / 1e9);
    }
}
