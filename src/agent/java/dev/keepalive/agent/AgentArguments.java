package dev.keepalive.agent;

import dev.keepalive.KeepAlive;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the agent's argument, the text after {@code =} in {@code -javaagent:<jar>=...}: comma-separated
 * {@code key=value} pairs. The keep-alive settings use the keys and values of {@link KeepAlive#parse(String)}
 * ({@code enabled}, {@code idle}, {@code interval}, {@code probes}, {@code userTimeout}); the agent adds
 * {@code only=<target>} and {@code except=<target>} (each as often as needed; see {@link Target}) and
 * {@code direction=both|outgoing|incoming}.
 *
 * {@snippet :
 * Policy policy = AgentArguments.parse("idle=30s,interval=5s,probes=3,only=:5432,except=10.0.0.0/8");
 * }
 */
public final class AgentArguments {

    /** The agent's own keys, next to the settings keys. */
    static final List<String> AGENT_KEYS = List.of("only", "except", "direction");
    private static final List<String> SETTINGS_KEYS = List.of("enabled", "idle", "interval", "probes",
            "userTimeout");

    private AgentArguments() {
    }

    /**
     * Reads an argument.
     *
     * @param argument the agent's argument; {@code null} when none was given
     * @return the policy
     * @throws IllegalArgumentException if the argument is missing or malformed; the message names the key or
     *     the text at fault
     */
    public static Policy parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("no keep-alive settings given: write them after the jar, as in "
                    + "-javaagent:socket-keepalive-agent.jar=idle=30s,interval=5s,probes=3");
        }
        List<String> settings = new ArrayList<>();
        List<Target> only = new ArrayList<>();
        List<Target> except = new ArrayList<>();
        Direction direction = null;
        for (String pair : argument.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (pair.isBlank()) {
                throw new IllegalArgumentException("empty pair in '" + argument + "'");
            }
            if (equals < 0) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not key=value");
            }
            String key = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            switch (key) {
                case "only" -> only.add(target(key, value));
                case "except" -> except.add(target(key, value));
                case "direction" -> {
                    if (direction != null) {
                        throw new IllegalArgumentException("direction is given twice");
                    }
                    direction = named(key, () -> Direction.parse(value));
                }
                default -> {
                    if (!SETTINGS_KEYS.contains(key)) {
                        throw new IllegalArgumentException("unknown key '" + key + "'; known keys: "
                                + String.join(", ", SETTINGS_KEYS) + ", " + String.join(", ", AGENT_KEYS));
                    }
                    settings.add(pair);
                }
            }
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("no keep-alive settings in '" + argument + "': give at least one of "
                    + String.join(", ", SETTINGS_KEYS) + ", such as idle=30s,interval=5s,probes=3");
        }
        KeepAlive keepAlive = KeepAlive.parse(String.join(",", settings));
        return new Policy(keepAlive, direction == null ? Direction.BOTH : direction, new Rules(only, except));
    }

    private static Target target(String key, String value) {
        return named(key, () -> Target.parse(value));
    }

    private static <T> T named(String key, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
