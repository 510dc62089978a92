package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.WSAENOPROTOOPT;

import dev.keepalive.SocketOptionException;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.NativeAccess;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.SockoptBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chooses the Windows backend once, by probing a throwaway socket: {@code SO_KEEPALIVE} on a DWORD; idle,
 * interval and probe count through the {@code IPPROTO_TCP} options where this Windows has them (idle and
 * interval from Windows 10 1709, the count from 1703), otherwise idle and interval through
 * {@code WSAIoctl(SIO_KEEPALIVE_VALS)} ({@link KeepAliveValsBackend}); the user timeout through {@code TCP_MAXRT}.
 *
 * <p>The probe reads each option with {@code getsockopt}, as the JDK's {@code WindowsSocketOptions.c}
 * ({@code socketOptionSupported}) does: idle and interval go through {@code setsockopt} only if both
 * {@code TCP_KEEPIDLE} and {@code TCP_KEEPINTVL} answer (as .NET's {@code IOControlKeepAlive} requires), because
 * Windows accepted option 3, the old {@code TCP_KEEPALIVE}, long before 1709, where {@code TCP_KEEPINTVL} is
 * missing. A probe that fails for any other reason than {@code WSAENOPROTOOPT}, or a probe socket that cannot be
 * opened, counts as "not supported", with a note: the {@code SIO_KEEPALIVE_VALS} path works on every Windows.
 */
public final class WindowsBackend {

    private WindowsBackend() {
    }

    /**
     * The backend for the running Windows, with real Winsock calls.
     *
     * @return the backend
     */
    public static Backend create() {
        return probe(new NativeWinsock(), NativeRegistry::new);
    }

    /**
     * The backend where the JVM denies this library native access: the options and limits of Windows 10 1709 and
     * later (no probe socket can be opened to learn more), for the JDK's options and the capability report, and
     * the system defaults that need no registry read.
     *
     * @return a backend whose native calls are refused
     */
    public static Backend withoutNativeAccess() {
        String reason = "reading the registry needs native access; start the JVM with " + NativeAccess.flag();
        Supplier<SystemDefaults> defaults = () -> new SystemDefaults(Os.WINDOWS.displayName(),
                SourcedValue.unknown(reason), SourcedValue.unknown(reason), WindowsDefaults.probes(true));
        return new SockoptBackend(WindowsOptions.table(true, true), NativeAccess.deniedCalls(), defaults,
                List.of(NativeAccess.denial()));
    }

    /**
     * Probes which options Windows supports, using the given calls, and builds the backend.
     *
     * @param calls makes the Winsock calls
     * @param registry reads the registry (called each time a system default is needed)
     * @return the backend
     */
    static Backend probe(WinsockCalls calls, Supplier<RegistryReader> registry) {
        List<String> notes = new ArrayList<>();
        boolean timing;
        boolean count;
        long socket;
        try {
            socket = calls.openProbeSocket();
        } catch (SocketOptionException e) {
            notes.add("could not open a probe socket (" + e.errorName() + "); using SIO_KEEPALIVE_VALS, which every"
                    + " Windows has, and no TCP_KEEPCNT");
            return build(false, false, calls, registry, notes);
        }
        try {
            timing = answers(calls, socket, WindowsOptions.TCP_KEEPALIVE, notes)
                    & answers(calls, socket, WindowsOptions.TCP_KEEPINTVL, notes);
            count = answers(calls, socket, WindowsOptions.TCP_KEEPCNT, notes);
        } finally {
            calls.closeProbeSocket(socket);
        }
        return build(timing, count, calls, registry, notes);
    }

    private static Backend build(boolean timing, boolean count, WinsockCalls calls,
                                 Supplier<RegistryReader> registry, List<String> notes) {
        OptionTable table = WindowsOptions.table(timing, count);
        notes.add(timing
                ? "idle and interval: TCP_KEEPALIVE and TCP_KEEPINTVL, in seconds, read back from the socket"
                : "idle and interval: WSAIoctl(SIO_KEEPALIVE_VALS), in milliseconds, set together; Windows"
                        + " cannot report them, so the values shown are those this library set, or the system"
                        + " defaults (registry, else Microsoft's documented 2 h, 1 s) where it set none");
        notes.add(count
                ? "probes: TCP_KEEPCNT, read back from the socket"
                : "probes: fixed at " + WindowsOptions.FIXED_PROBES + " by Windows; TCP_KEEPCNT is not available");
        notes.add("user timeout: TCP_MAXRT, in seconds; -1 (retransmit forever) is ChronoUnit.FOREVER's duration");
        Supplier<SystemDefaults> defaults = () -> WindowsDefaults.read(registry.get(), count);
        return timing ? new SockoptBackend(table, calls, defaults, notes)
                : new KeepAliveValsBackend(table, calls, registry, defaults, notes);
    }

    private static boolean answers(WinsockCalls probe, long socket, OptionSpec spec, List<String> notes) {
        try {
            probe.getInt(socket, spec);
            return true;
        } catch (SocketOptionException e) {
            if (e.errorCode() != WSAENOPROTOOPT()) {
                notes.add("probing " + spec.name() + " failed with " + e.errorName() + "; taking it as missing");
            }
            return false;
        }
    }
}
