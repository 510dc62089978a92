package dev.keepalive.internal;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SystemDefaults;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The keep-alive operations on one socket: single options on the hot path, and all-or-nothing
 * {@link #apply(KeepAlive)}. Every native call runs under the guard's lock, after its open check.
 */
public final class KeepAliveSession {

    /** Every setting, in the order {@link #apply(KeepAlive)} sets them. */
    private static final Setting[] SETTINGS = Setting.values();

    private final SocketGuard guard;
    private final OptionTable table;
    private final SocketOptions options;
    private final String access;
    private final Supplier<SystemDefaults> defaults;

    /**
     * Creates a session whose system defaults are those of the running OS's backend.
     *
     * @param guard the socket's handle and lock
     * @param table the OS's options and limits
     * @param options the native options of this socket, used only under the guard's lock
     * @param access how the socket is reached, for reports
     */
    public KeepAliveSession(SocketGuard guard, OptionTable table, SocketOptions options, String access) {
        this(guard, table, options, access, () -> Platform.backend().systemDefaults());
    }

    /**
     * Creates a session.
     *
     * @param guard the socket's handle and lock
     * @param table the OS's options and limits
     * @param options the native options of this socket, used only under the guard's lock
     * @param access how the socket is reached, for reports
     * @param defaults reads the OS's system defaults; called only when a report needs them
     */
    public KeepAliveSession(SocketGuard guard, OptionTable table, SocketOptions options, String access,
                            Supplier<SystemDefaults> defaults) {
        this.guard = guard;
        this.table = table;
        this.options = options;
        this.access = access;
        this.defaults = defaults;
    }

    /**
     * The OS's options and limits.
     *
     * @return the table
     */
    public OptionTable table() {
        return table;
    }

    /**
     * How this session reaches its socket.
     *
     * @return for example {@code native descriptor}
     */
    public String access() {
        return access;
    }

    /**
     * Sets one option, already converted and range-checked.
     *
     * @param setting the setting
     * @param value the value in the option's unit
     * @throws IOException if the socket is closed or the OS refuses
     */
    public void set(Setting setting, int value) throws IOException {
        synchronized (guard.lock()) {
            guard.ensureOpen();
            options.set(setting, value);
        }
    }

    /**
     * Sets one time option.
     *
     * @param setting the setting
     * @param value the duration, rounded up to the OS's unit
     * @throws IOException if the socket is closed or the OS refuses
     */
    public void set(Setting setting, Duration value) throws IOException {
        set(setting, table.toNative(setting, value));
    }

    /**
     * Reads one option.
     *
     * @param setting the setting
     * @return the value in the option's unit, or {@link SocketOptions#UNKNOWN}
     * @throws IOException if the socket is closed or the OS refuses
     */
    public int get(Setting setting) throws IOException {
        synchronized (guard.lock()) {
            guard.ensureOpen();
            return options.get(setting);
        }
    }

    /**
     * Applies every present field; on a failure, restores the fields already changed and rethrows.
     *
     * <p>The options are read once, before any change: to restore them on a failure, and for the fields not
     * given. The result is those values with the given ones put in; it is not read again, since an option
     * the OS accepted holds exactly the value sent (values are converted to the OS's unit first), and the
     * lock keeps other callers of this library and of the JDK's own options out until the apply is done.
     *
     * @param settings the settings
     * @return the settings in effect afterwards
     * @throws IOException if the socket is closed or the OS refuses one option
     */
    public KeepAlive apply(KeepAlive settings) throws IOException {
        long[] wanted = table.toNative(settings);
        synchronized (guard.lock()) {
            guard.ensureOpen();
            long[] before = read();
            long[] after = before.clone();
            int done = 0; // SETTINGS[0 .. done) are handled
            try {
                for (; done < SETTINGS.length; done++) {
                    int index = SETTINGS[done].ordinal();
                    if (wanted[index] != OptionTable.ABSENT) {
                        options.set(SETTINGS[done], (int) wanted[index]);
                        after[index] = wanted[index];
                    }
                }
            } catch (IOException | RuntimeException failure) {
                restore(before, wanted, done, failure);
                throw failure;
            }
            return table.toKeepAlive(after);
        }
    }

    /**
     * Reads every option this OS can report.
     *
     * @return the settings in effect, with fields the OS cannot report absent
     * @throws IOException if the socket is closed or the OS refuses
     */
    public KeepAlive current() throws IOException {
        synchronized (guard.lock()) {
            guard.ensureOpen();
            return table.toKeepAlive(read());
        }
    }

    /**
     * Reads every setting with where its value comes from, falling back to the system defaults where the
     * socket has no value of its own that can be read.
     *
     * @return the report
     * @throws IOException if the socket is closed or the OS refuses
     */
    public EffectiveKeepAlive effective() throws IOException {
        synchronized (guard.lock()) {
            guard.ensureOpen();
            return new EffectiveReader(table, options, defaults, access.equals(Sessions.JDK)).read();
        }
    }

    private long[] read() throws IOException {
        long[] values = new long[SETTINGS.length];
        for (Setting setting : SETTINGS) {
            values[setting.ordinal()] = table.supports(setting) ? options.get(setting) : OptionTable.ABSENT;
        }
        return values;
    }

    /** Sets back, last first, the settings among the first {@code done} that were changed. */
    private void restore(long[] before, long[] wanted, int done, Exception failure) {
        for (int i = done - 1; i >= 0; i--) {
            Setting setting = SETTINGS[i];
            long previous = before[setting.ordinal()];
            if (wanted[setting.ordinal()] == OptionTable.ABSENT || previous < 0) {
                continue;
            }
            try {
                options.set(setting, (int) previous);
            } catch (IOException | RuntimeException restoreFailure) {
                failure.addSuppressed(restoreFailure);
            }
        }
    }
}
