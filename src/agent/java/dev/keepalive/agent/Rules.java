package dev.keepalive.agent;

import java.util.List;

/**
 * Which connections the policy covers: a connection is covered when it matches one of the {@code only}
 * targets (or there are none) and none of the {@code except} targets. {@code except} wins over {@code only}.
 *
 * @param only the targets of the {@code only} keys; empty means every connection
 * @param except the targets of the {@code except} keys
 */
public record Rules(List<Target> only, List<Target> except) {

    /** Rules that cover every connection. */
    public static final Rules ALL = new Rules(List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param only the targets of the {@code only} keys
     * @param except the targets of the {@code except} keys
     */
    public Rules {
        only = List.copyOf(only);
        except = List.copyOf(except);
    }

    /**
     * Whether the rules cover a connection.
     *
     * @param peer the connection
     * @return {@code true} if the settings are to be applied to it
     */
    public boolean admits(Peer peer) {
        if (!only.isEmpty() && only.stream().noneMatch(target -> target.matches(peer))) {
            return false;
        }
        return except.stream().noneMatch(target -> target.matches(peer));
    }
}
