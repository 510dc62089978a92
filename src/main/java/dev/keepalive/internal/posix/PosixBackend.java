package dev.keepalive.internal.posix;

import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.SockoptOptions;
import dev.keepalive.internal.SocketCalls;
import dev.keepalive.internal.SocketOptions;
import java.util.List;
import java.util.function.Supplier;

/** Linux and macOS: every setting is one {@code setsockopt}/{@code getsockopt} option on a C int. */
public final class PosixBackend implements Backend {

    private final OptionTable table;
    private final Supplier<SocketCalls> calls;
    private final Supplier<SystemDefaults> defaults;

    /**
     * Creates a backend that does not know the OS's system defaults: every default it reports is unknown.
     *
     * @param constants the OS's option numbers and limits
     * @param calls makes the native calls for one socket
     */
    public PosixBackend(PosixConstants constants, Supplier<SocketCalls> calls) {
        this(constants, calls, () -> unknownDefaults(constants.os()));
    }

    /**
     * Creates a backend.
     *
     * @param constants the OS's option numbers and limits
     * @param calls makes the native calls for one socket
     * @param defaults reads the OS's system-wide defaults
     */
    public PosixBackend(PosixConstants constants, Supplier<SocketCalls> calls, Supplier<SystemDefaults> defaults) {
        this.table = constants.table();
        this.calls = calls;
        this.defaults = defaults;
    }

    /**
     * The Linux backend.
     *
     * @return a backend with Linux's constants and real native calls
     */
    public static PosixBackend linux() {
        PosixConstants constants = LinuxConstants.create();
        return new PosixBackend(constants, () -> new PosixCalls(constants.errors()),
                () -> LinuxDefaults.read(LinuxDefaults.PROC_DIRECTORY));
    }

    /**
     * The macOS backend.
     *
     * @return a backend with macOS's constants and real native calls
     */
    public static PosixBackend macos() {
        PosixConstants constants = MacConstants.create();
        return new PosixBackend(constants, () -> new PosixCalls(constants.errors()),
                () -> MacDefaults.read(NativeSysctl.system()));
    }

    private static SystemDefaults unknownDefaults(String os) {
        String reason = "this backend was given no way to read " + os + "'s defaults";
        return new SystemDefaults(os, SourcedValue.unknown(reason), SourcedValue.unknown(reason),
                SourcedValue.unknown(reason));
    }

    @Override
    public OptionTable table() {
        return table;
    }

    @Override
    public void checkHandle(long handle) {
        if (handle < 0 || handle > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a file descriptor is a non-negative int, was " + handle);
        }
    }

    @Override
    public SocketOptions open(long handle, Object owner) {
        return new SockoptOptions(handle, table, calls.get());
    }

    @Override
    public SystemDefaults systemDefaults() {
        return defaults.get();
    }

    @Override
    public List<String> notes() {
        return List.of("every setting is a setsockopt/getsockopt option on a 4-byte int and is read back"
                + " from the socket");
    }
}
