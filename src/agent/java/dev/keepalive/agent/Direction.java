package dev.keepalive.agent;

import java.util.Locale;

/** Which connections the policy covers by who opened them: the agent's {@code direction} key. */
public enum Direction {
    /** Connections this JVM makes and connections it accepts (the default). */
    BOTH,
    /** Only connections this JVM makes. */
    OUTGOING,
    /** Only connections this JVM accepts. */
    INCOMING;

    /**
     * Reads a direction.
     *
     * @param text {@code both}, {@code outgoing} or {@code incoming}
     * @return the direction
     * @throws IllegalArgumentException for any other text
     */
    public static Direction parse(String text) {
        for (Direction direction : values()) {
            if (direction.text().equals(text)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not both, outgoing or incoming");
    }

    /**
     * Whether a connection's direction is covered.
     *
     * @param accepted whether this JVM accepted the connection
     * @return {@code true} if covered
     */
    public boolean covers(boolean accepted) {
        return this == BOTH || (this == INCOMING) == accepted;
    }

    /**
     * The direction as {@link #parse} reads it.
     *
     * @return {@code both}, {@code outgoing} or {@code incoming}
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
