package dev.keepalive.internal;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SystemDefaults;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The backend for every OS where each setting is one {@code setsockopt}/{@code getsockopt} option: Linux,
 * macOS, Windows 10 1709 and later, and the JDK's own socket options. Windows before 1709 extends it and
 * sends idle and interval together.
 */
public class SockoptBackend implements Backend {

    /** The order {@link #apply} sets the settings in. */
    private static final Setting[] ORDER = Setting.values();

    private final OptionTable table;
    private final SocketCalls calls;
    private final Supplier<SystemDefaults> defaults;
    private final List<String> notes;
    private final boolean viaJdk;

    /**
     * Creates a backend that calls the OS.
     *
     * @param table the OS's options and limits
     * @param calls the native calls
     * @param defaults reads the OS's system-wide defaults
     * @param notes what a user should know about this OS, for the capability report
     */
    public SockoptBackend(OptionTable table, SocketCalls calls, Supplier<SystemDefaults> defaults,
                          List<String> notes) {
        this(table, calls, defaults, notes, false);
    }

    SockoptBackend(OptionTable table, SocketCalls calls, Supplier<SystemDefaults> defaults, List<String> notes,
                   boolean viaJdk) {
        this.table = table;
        this.calls = calls;
        this.defaults = defaults;
        this.notes = List.copyOf(notes);
        this.viaJdk = viaJdk;
    }

    @Override
    public OptionTable table() {
        return table;
    }

    @Override
    public void set(long handle, Setting setting, int value) throws IOException {
        calls.setInt(handle, table.require(setting), value);
    }

    @Override
    public int get(long handle, Setting setting) throws IOException {
        OptionSpec spec = table.require(setting);
        int value = calls.getInt(handle, spec);
        // a flag is on for any non-zero value (Winsock documents SO_KEEPALIVE so)
        return spec.unit() == Unit.FLAG && value != 0 ? 1 : value;
    }

    @Override
    public NativeKeepAlive read(long handle) throws IOException {
        return new NativeKeepAlive(get(handle, Setting.ENABLED), readIfSupported(handle, Setting.IDLE),
                readIfSupported(handle, Setting.INTERVAL), readIfSupported(handle, Setting.PROBES),
                readIfSupported(handle, Setting.USER_TIMEOUT));
    }

    /**
     * Reads one setting if this OS has an option for it.
     *
     * @param handle the socket
     * @param setting the setting
     * @return the value, or {@link NativeKeepAlive#ABSENT}
     * @throws IOException if the OS refuses
     */
    protected final int readIfSupported(long handle, Setting setting) throws IOException {
        return table.supports(setting) ? get(handle, setting) : NativeKeepAlive.ABSENT;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads, before any change, every option but the last one it will set, then sets the given ones one by
     * one; on a refusal, sets back, last first, those already set. The last option set is never set back (if
     * the OS refuses it, nothing of it changed) and its result is the value sent, so reading it would serve
     * nothing. The result is the values read with the given ones put in: an option the OS accepted holds
     * exactly the value sent, and the session's lock keeps other callers of this library out until the apply
     * is done.
     */
    @Override
    public NativeKeepAlive apply(long handle, NativeKeepAlive wanted) throws IOException {
        Setting last = null;
        for (Setting setting : ORDER) {
            if (wanted.has(setting)) {
                last = setting;
            }
        }
        return applyOver(handle, new NativeKeepAlive(
                last == Setting.ENABLED ? NativeKeepAlive.ABSENT : get(handle, Setting.ENABLED),
                readUnless(handle, Setting.IDLE, last), readUnless(handle, Setting.INTERVAL, last),
                readUnless(handle, Setting.PROBES, last), readUnless(handle, Setting.USER_TIMEOUT, last)), wanted);
    }

    private int readUnless(long handle, Setting setting, Setting skipped) throws IOException {
        return setting == skipped ? NativeKeepAlive.ABSENT : readIfSupported(handle, setting);
    }

    /**
     * Sets the given fields in {@link Setting} order, all or nothing, over values already read.
     *
     * @param handle the socket
     * @param before the values read before any change
     * @param wanted the fields to set
     * @return the values after
     * @throws IOException if the OS refuses one, after the others were set back
     */
    protected final NativeKeepAlive applyOver(long handle, NativeKeepAlive before, NativeKeepAlive wanted)
            throws IOException {
        int done = 0; // ORDER[0 .. done) are handled
        try {
            for (; done < ORDER.length; done++) {
                Setting setting = ORDER[done];
                if (wanted.has(setting)) {
                    setOne(handle, setting, wanted.get(setting));
                }
            }
        } catch (IOException | RuntimeException failure) {
            for (int i = done - 1; i >= 0; i--) {
                Setting setting = ORDER[i];
                if (wanted.has(setting) && before.has(setting)) {
                    try {
                        setOne(handle, setting, restoreValue(setting, before.get(setting)));
                    } catch (IOException | RuntimeException restoreFailure) {
                        failure.addSuppressed(restoreFailure);
                    }
                }
            }
            throw failure;
        }
        return before.overriddenBy(wanted);
    }

    /**
     * Sets one option as part of an apply or its rollback: {@link #set} without the checks a single setter
     * may add.
     *
     * @param handle the socket
     * @param setting the setting
     * @param value the value
     * @throws IOException if the OS refuses
     */
    protected void setOne(long handle, Setting setting, int value) throws IOException {
        calls.setInt(handle, table.require(setting), value);
    }

    /**
     * The value a rollback writes to put back what a setting read before: by default that value itself.
     *
     * @param setting the setting
     * @param before the value read before the apply
     * @return the value to write
     */
    protected int restoreValue(Setting setting, int before) {
        return before;
    }

    @Override
    public EffectiveKeepAlive effective(long handle) throws IOException {
        return reader(handle).read();
    }

    /**
     * A report builder that reads this socket's options.
     *
     * @param handle the socket
     * @return the builder, for one report
     */
    protected final EffectiveReader reader(long handle) {
        return new EffectiveReader(table, setting -> get(handle, setting), defaults, viaJdk);
    }

    @Override
    public SystemDefaults systemDefaults() {
        return defaults.get();
    }

    @Override
    public List<String> notes() {
        return notes;
    }
}
