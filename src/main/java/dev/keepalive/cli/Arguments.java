package dev.keepalive.cli;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: positional words, and options written {@code --name=value} or {@code --name value}.
 * The keep-alive settings are options shared by every command.
 */
final class Arguments {

    /** The options that make up the keep-alive settings. */
    static final Set<String> SETTINGS = Set.of("keepalive", "idle", "interval", "probes", "user-timeout");

    private final List<String> positionals;
    private final Map<String, String> options;
    private final boolean help;

    private Arguments(List<String> positionals, Map<String, String> options, boolean help) {
        this.positionals = List.copyOf(positionals);
        this.options = Map.copyOf(options);
        this.help = help;
    }

    /**
     * Splits arguments into positionals and options, refusing options not in {@code known}.
     *
     * @throws IllegalArgumentException on an unknown option, an option without a value, or one given twice
     */
    static Arguments parse(List<String> args, Set<String> known) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--")) {
                int split = arg.indexOf('=');
                String name = split < 0 ? arg.substring(2) : arg.substring(2, split);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option '--" + name + "'");
                }
                String value;
                if (split >= 0) {
                    value = arg.substring(split + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("option '--" + name + "' needs a value");
                }
                if (options.putIfAbsent(name, value) != null) {
                    throw new IllegalArgumentException("option '--" + name + "' given twice");
                }
            } else {
                positionals.add(arg);
            }
        }
        return new Arguments(positionals, options, help);
    }

    boolean help() {
        return help;
    }

    List<String> positionals() {
        return positionals;
    }

    Optional<Duration> duration(String name) {
        return Optional.ofNullable(options.get(name)).map(Durations::parse);
    }

    /**
     * The keep-alive settings given, over the defaults 30 s idle, 5 s interval and 3 probes; the user
     * timeout is left as it is unless given.
     *
     * @throws IllegalArgumentException if a value cannot be read or breaks a limit every OS shares
     */
    KeepAlive settings() {
        KeepAlive.Builder builder = KeepAlive.builder()
                .idle(duration("idle").orElse(Duration.ofSeconds(30)))
                .interval(duration("interval").orElse(Duration.ofSeconds(5)))
                .probes(integer("probes").orElse(3));
        duration("user-timeout").ifPresent(builder::userTimeout);
        String keepalive = options.get("keepalive");
        if (keepalive != null) {
            builder.enabled(switch (keepalive) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("--keepalive takes on or off, not '" + keepalive + "'");
            });
        }
        return builder.build();
    }

    private Optional<Integer> integer(String name) {
        String value = options.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }
}
