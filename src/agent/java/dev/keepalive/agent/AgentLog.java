package dev.keepalive.agent;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's messages, through {@link System.Logger} under the name {@code dev.keepalive.agent}. Messages about
 * connections are logged once per kind: the first failure of each kind, then only counted.
 */
final class AgentLog {

    /** More kinds than this are counted but no longer logged, so a stream of odd failures cannot flood the log. */
    private static final int MAX_KINDS = 64;

    private final Logger logger = System.getLogger("dev.keepalive.agent");
    private final Set<String> kinds = ConcurrentHashMap.newKeySet();

    /**
     * Logs a message now.
     *
     * @param level the level
     * @param message the message
     */
    void log(Level level, String message) {
        logger.log(level, message);
    }

    /**
     * Logs a message the first time its kind comes up.
     *
     * @param kind what makes two messages the same kind
     * @param level the level
     * @param message the message, built only if it is logged
     * @param cause the exception to log with it, or {@code null}
     */
    void once(String kind, Level level, java.util.function.Supplier<String> message, Throwable cause) {
        if (kinds.size() >= MAX_KINDS || !kinds.add(kind)) {
            return;
        }
        String text = message.get() + (kinds.size() == MAX_KINDS
                ? " (the agent logs no further kinds of message; the counters of " + AgentStatus.OBJECT_NAME
                        + " go on)" : "");
        if (cause == null) {
            logger.log(level, text);
        } else {
            logger.log(level, text, cause);
        }
    }
}
