package dev.keepalive.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A command's arguments: positional words, and options written {@code --name=value} or {@code --name value}.
 * Each option keeps the text the user typed, so that messages can quote it. {@code --help} is not an option
 * here: {@link Main} answers it before any command's arguments are read.
 */
final class Arguments {

    /** The options that make up the keep-alive settings, shared by every command. */
    static final Set<String> SETTINGS = Set.of("keepalive", "idle", "interval", "probes", "user-timeout");

    /** An option as typed: {@code shown} is {@code --idle=5s} or {@code --idle 5s}, whichever was written. */
    record Typed(String name, String value, String shown) {
    }

    private final List<String> positionals;
    private final Map<String, Typed> options;

    private Arguments(List<String> positionals, Map<String, Typed> options) {
        this.positionals = List.copyOf(positionals);
        this.options = Map.copyOf(options);
    }

    /**
     * Splits arguments into positionals and options, refusing options not in {@code known}. A word that
     * starts with {@code --} is never taken as the value of the option before it.
     *
     * @throws IllegalArgumentException on an unknown option, an option without a value, or one given twice
     */
    static Arguments parse(List<String> args, Set<String> known) {
        List<String> positionals = new ArrayList<>();
        Map<String, Typed> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            int split = arg.indexOf('=');
            String name = split < 0 ? arg.substring(2) : arg.substring(2, split);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option '--" + name + "'");
            }
            Typed typed;
            if (split >= 0) {
                typed = new Typed(name, arg.substring(split + 1), arg);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                String value = args.get(++i);
                typed = new Typed(name, value, arg + " " + value);
            } else {
                throw new IllegalArgumentException("option '--" + name + "' needs a value");
            }
            if (options.putIfAbsent(name, typed) != null) {
                throw new IllegalArgumentException("option '--" + name + "' given twice");
            }
        }
        return new Arguments(positionals, options);
    }

    List<String> positionals() {
        return positionals;
    }

    /** The option as typed, if given. */
    Optional<Typed> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * The option's duration, if given.
     *
     * @throws IllegalArgumentException naming the option as typed, if its value is not a duration
     */
    Optional<Duration> duration(String name) {
        return option(name).map(typed -> {
            try {
                return Durations.parse(typed.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(typed.shown() + " " + e.getMessage());
            }
        });
    }

    /**
     * The option's whole number, if given; a number too large for a {@code long} is taken as
     * {@link Long#MAX_VALUE} (or its negative), so that a range check still names it.
     *
     * @throws IllegalArgumentException naming the option as typed, if its value is not a whole number
     */
    OptionalLong integer(String name) {
        Optional<Typed> typed = option(name);
        if (typed.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = typed.get().value().strip();
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            if (value.matches("[+-]?[0-9]+")) {
                return OptionalLong.of(value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            throw new IllegalArgumentException(typed.get().shown() + " is not a whole number");
        }
    }
}
