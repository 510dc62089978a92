package dev.keepalive.agent;

import dev.keepalive.KeepAlive;
import java.util.Objects;

/**
 * What the agent was asked to do: the keep-alive settings, and which connections get them.
 *
 * @param settings the settings, as {@link KeepAlive#parse(String)} reads them
 * @param direction the connections covered by who opened them
 * @param rules the connections covered by host and port
 */
public record Policy(KeepAlive settings, Direction direction, Rules rules) {

    /**
     * Checks the fields.
     *
     * @param settings the settings
     * @param direction the connections covered by who opened them
     * @param rules the connections covered by host and port
     */
    public Policy {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * Whether a connection gets the settings.
     *
     * @param peer the connection
     * @return {@code true} if its direction and the rules cover it
     */
    public boolean covers(Peer peer) {
        return direction.covers(peer.accepted()) && rules.admits(peer);
    }

    /**
     * The policy as an agent argument that {@link AgentArguments#parse(String)} reads back to an equal policy:
     * the settings string, then {@code direction}, {@code only} and {@code except} where given.
     *
     * @return for example {@code idle=30s,interval=5s,probes=3,only=:5432}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(settings.toSettingsString());
        if (direction != Direction.BOTH) {
            text.append(",direction=").append(direction.text());
        }
        rules.only().forEach(target -> text.append(",only=").append(target));
        rules.except().forEach(target -> text.append(",except=").append(target));
        return text.toString();
    }
}
