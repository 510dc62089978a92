package dev.keepalive.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a logger receives while this is open, through {@code java.util.logging}, where the JDK's
 * {@link System.Logger} sends them when no other logging framework is installed.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** Starts capturing what the named logger receives. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(Logger.getLogger(loggerName));
    }

    /** Each record so far, as {@code LEVEL: message}. */
    public List<String> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record.getLevel() + ": " + record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
