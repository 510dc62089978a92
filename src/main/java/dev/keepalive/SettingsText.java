package dev.keepalive;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings string: comma-separated {@code key=value} pairs with the keys {@code enabled}, {@code idle},
 * {@code interval}, {@code probes} and {@code userTimeout}, such as {@code idle=30s,interval=5s,probes=3}.
 * Durations are a whole number with {@code ms}, {@code s}, {@code m} or {@code h}, or ISO-8601
 * ({@code PT30S}). Its printed form is canonical: printed settings parse back to equal settings, and print
 * back to the same string.
 */
final class SettingsText {

    static final String ENABLED = "enabled";
    static final String IDLE = "idle";
    static final String INTERVAL = "interval";
    static final String PROBES = "probes";
    static final String USER_TIMEOUT = "userTimeout";
    private static final List<String> KEYS = List.of(ENABLED, IDLE, INTERVAL, PROBES, USER_TIMEOUT);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    private SettingsText() {
    }

    /**
     * Reads a settings string.
     *
     * @throws IllegalArgumentException naming the key or the text at fault
     */
    static KeepAlive parse(String text) {
        Objects.requireNonNull(text, "settings");
        if (text.isBlank()) {
            throw new IllegalArgumentException("no keep-alive settings given: expected key=value pairs such as "
                    + "idle=30s,interval=5s,probes=3");
        }
        KeepAlive.Builder builder = KeepAlive.builder();
        Set<String> seen = new HashSet<>();
        for (String pair : text.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (pair.isBlank()) {
                throw new IllegalArgumentException("empty pair in keep-alive settings '" + text + "'");
            }
            if (equals < 0) {
                throw new IllegalArgumentException("'" + pair.strip() + "' in keep-alive settings is not key=value");
            }
            String key = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in keep-alive settings; known keys: "
                        + String.join(", ", KEYS));
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException(key + " is given twice in keep-alive settings '" + text + "'");
            }
            set(builder, key, value);
        }
        return builder.build();
    }

    /** The canonical string: {@code enabled} only when false or alone, then the fields present, in key order. */
    static String format(KeepAlive settings) {
        StringBuilder text = new StringBuilder();
        if (!settings.enabled()) {
            text.append(ENABLED).append("=false");
        }
        settings.idle().ifPresent(idle -> pair(text, IDLE, format(idle)));
        settings.interval().ifPresent(interval -> pair(text, INTERVAL, format(interval)));
        settings.probes().ifPresent(probes -> pair(text, PROBES, Integer.toString(probes)));
        settings.userTimeout().ifPresent(userTimeout -> pair(text, USER_TIMEOUT, format(userTimeout)));
        return text.isEmpty() ? ENABLED + "=true" : text.toString();
    }

    private static void set(KeepAlive.Builder builder, String key, String value) {
        try {
            switch (key) {
                case ENABLED -> builder.enabled(bool(value));
                case IDLE -> builder.idle(duration(value));
                case INTERVAL -> builder.interval(duration(value));
                case PROBES -> builder.probes(count(value));
                case USER_TIMEOUT -> builder.userTimeout(duration(value));
                default -> throw new IllegalStateException("no setter for " + key);
            }
        } catch (IllegalArgumentException e) {
            // the builder's own messages start with the key; the readers' messages name only the value
            String message = e.getMessage().startsWith(key + " ") ? e.getMessage() : key + ": " + e.getMessage();
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    private static int count(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static Duration duration(String value) {
        Matcher matcher = SHORT_DURATION.matcher(value);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value);
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration that fits: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration: write a whole number with ms, s, m"
                + " or h (1500ms, 30s, 2m, 1h), or ISO-8601 (PT30S)");
    }

    /** The largest unit that holds the duration exactly; ISO-8601 below a millisecond or beyond a long of ms. */
    private static String format(Duration duration) {
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (nanos != 0) {
            if (nanos % 1_000_000 != 0 || seconds > Long.MAX_VALUE / 1000 - 1) {
                return duration.toString();
            }
            return duration.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static void pair(StringBuilder text, String key, String value) {
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(key).append('=').append(value);
    }
}
