package dev.keepalive;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct message once per JVM, through {@link System.Logger}: the socket factory is often made
 * anew for every connection (the PostgreSQL JDBC driver does so), and its warnings would otherwise repeat
 * with each one.
 */
final class LogOnce {

    private static final Logger LOGGER = System.getLogger(KeepAliveSocketFactory.class.getName());
    /** The messages logged so far; few distinct ones exist (one per warning and settings string). */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private LogOnce() {
    }

    /** Logs the message at the level unless the same message was logged before. */
    static void log(Level level, String message) {
        if (LOGGED.add(message)) {
            LOGGER.log(level, message);
        }
    }
}
