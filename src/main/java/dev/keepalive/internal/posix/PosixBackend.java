package dev.keepalive.internal.posix;

import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.NativeAccess;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.SockoptBackend;
import dev.keepalive.internal.SocketCalls;
import java.util.List;
import java.util.function.Supplier;

/** Linux and macOS: every setting is one {@code setsockopt}/{@code getsockopt} option on a C int. */
public final class PosixBackend {

    private static final List<String> NOTES = List.of("every setting is a setsockopt/getsockopt option on a"
            + " 4-byte int and is read back from the socket");

    private PosixBackend() {
    }

    /**
     * The Linux backend.
     *
     * @return a backend with Linux's options and real native calls
     */
    public static Backend linux() {
        return create(LinuxOptions.TABLE, new PosixCalls(LinuxOptions.ERRORS),
                () -> LinuxDefaults.read(LinuxDefaults.PROC_DIRECTORY));
    }

    /**
     * The macOS backend.
     *
     * @return a backend with macOS's options and real native calls
     */
    public static Backend macos() {
        return macos(new PosixCalls(MacOptions.ERRORS), NativeSysctl.system());
    }

    /** The macOS backend over the given calls and sysctl; tests pass scripted ones. */
    static Backend macos(SocketCalls calls, Sysctl sysctl) {
        return new MacBackend(calls, sysctl, NOTES);
    }

    /**
     * The backend of Linux or macOS where the JVM denies this library native access: the options and limits, for
     * the JDK's options and the capability report, and the system defaults where they can be read without a
     * native call (Linux's {@code /proc} files; macOS's sysctls need one).
     *
     * @param macos whether the OS is macOS
     * @return a backend whose native calls are refused
     */
    public static Backend withoutNativeAccess(boolean macos) {
        if (macos) {
            String reason = "reading sysctl needs native access; start the JVM with " + NativeAccess.flag();
            return new SockoptBackend(MacOptions.TABLE, NativeAccess.deniedCalls(), () -> new SystemDefaults(
                    Os.MACOS.displayName(), SourcedValue.unknown(reason), SourcedValue.unknown(reason),
                    SourcedValue.unknown(reason)), List.of(NativeAccess.denial()));
        }
        return new SockoptBackend(LinuxOptions.TABLE, NativeAccess.deniedCalls(),
                () -> LinuxDefaults.read(LinuxDefaults.PROC_DIRECTORY), List.of(NativeAccess.denial()));
    }

    /** A POSIX backend with the given options, calls and defaults; tests pass counting or scripted calls. */
    static Backend create(OptionTable table, SocketCalls calls, Supplier<SystemDefaults> defaults) {
        return new SockoptBackend(table, calls, defaults, NOTES);
    }
}
