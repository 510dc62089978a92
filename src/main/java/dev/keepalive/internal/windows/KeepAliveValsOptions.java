package dev.keepalive.internal.windows;

import dev.keepalive.SocketOptionException;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SockoptOptions;
import dev.keepalive.internal.SocketOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idle and interval through {@code WSAIoctl(SIO_KEEPALIVE_VALS)}, for Windows before 10 1709. That call sets
 * both values and the on/off state at once and cannot be read back, so this class remembers what it set, per
 * socket, and fills the value not being changed from that memory, or where it set nothing yet from the system
 * defaults (the registry, else Microsoft's documented defaults, which are also sent where the registry cannot
 * be read). Everything else goes to {@code setsockopt}/{@code getsockopt}. Reading the registry allocates, so
 * the first change of idle or interval on a socket allocates; once something is remembered, none does.
 */
final class KeepAliveValsOptions implements SocketOptions {

    /** Microsoft's documented default idle time (the {@code KeepAliveTime} registry value): 2 hours. */
    static final int DEFAULT_IDLE_MILLIS = 7_200_000;
    /** Microsoft's documented default interval (the {@code KeepAliveInterval} registry value): 1 second. */
    static final int DEFAULT_INTERVAL_MILLIS = 1_000;

    /** What was set on each socket, for as long as the object that owns the socket lives. */
    private static final Map<Object, Remembered> MEMORY = Collections.synchronizedMap(new WeakHashMap<>());

    private final long handle;
    private final WinsockCalls calls;
    private final SockoptOptions sockopt;
    private final Remembered remembered;
    private final Supplier<SystemDefaults> defaults;

    KeepAliveValsOptions(long handle, WinsockCalls calls, SockoptOptions sockopt, Object owner,
                         Supplier<SystemDefaults> defaults) {
        this.handle = handle;
        this.calls = calls;
        this.sockopt = sockopt;
        this.remembered = MEMORY.computeIfAbsent(owner, key -> new Remembered());
        this.defaults = defaults;
    }

    @Override
    public void set(Setting setting, int value) throws SocketOptionException {
        switch (setting) {
            case IDLE -> sendValues(enabled(), value, intervalMillis());
            case INTERVAL -> sendValues(enabled(), idleMillis(), value);
            case ENABLED -> {
                sockopt.set(Setting.ENABLED, value);
                if (value != 0 && remembered.changed) {
                    sendValues(true, remembered.idleMillis, remembered.intervalMillis);
                }
            }
            default -> sockopt.set(setting, value);
        }
    }

    @Override
    public int get(Setting setting) throws SocketOptionException {
        return switch (setting) {
            case IDLE -> idleMillis();
            case INTERVAL -> intervalMillis();
            default -> sockopt.get(setting);
        };
    }

    @Override
    public ValueSource sourceOf(Setting setting) {
        return switch (setting) {
            case IDLE, INTERVAL -> remembered.changed ? ValueSource.REMEMBERED : ValueSource.SYSTEM_DEFAULT;
            default -> sockopt.sourceOf(setting);
        };
    }

    private int idleMillis() {
        return remembered.changed ? remembered.idleMillis : defaultMillis(SystemDefaults::idle, DEFAULT_IDLE_MILLIS);
    }

    private int intervalMillis() {
        return remembered.changed ? remembered.intervalMillis
                : defaultMillis(SystemDefaults::interval, DEFAULT_INTERVAL_MILLIS);
    }

    private int defaultMillis(Function<SystemDefaults, SourcedValue<Duration>> field, int documented) {
        return field.apply(defaults.get()).value()
                .map(duration -> (int) Math.min(Integer.MAX_VALUE, duration.toMillis()))
                .orElse(documented);
    }

    private boolean enabled() throws SocketOptionException {
        return sockopt.get(Setting.ENABLED) != 0;
    }

    private void sendValues(boolean on, int idleMillis, int intervalMillis) throws SocketOptionException {
        calls.keepAliveValues(handle, on, idleMillis, intervalMillis);
        remembered.idleMillis = idleMillis;
        remembered.intervalMillis = intervalMillis;
        remembered.changed = true;
    }

    /** The values last sent to one socket. */
    private static final class Remembered {
        volatile int idleMillis;
        volatile int intervalMillis;
        volatile boolean changed;
    }
}
