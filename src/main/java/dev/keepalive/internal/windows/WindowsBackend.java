package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.INVALID_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SIO_KEEPALIVE_VALS;
import static dev.keepalive.internal.windows.gen.winsock_h.SOL_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.SO_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPCNT;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPINTVL;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_MAXRT;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAENOPROTOOPT;

import dev.keepalive.SocketOptionException;
import dev.keepalive.SystemDefaults;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SockoptOptions;
import dev.keepalive.internal.SocketOptions;
import dev.keepalive.internal.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Windows: {@code SO_KEEPALIVE} on a DWORD; idle, interval and probe count through the {@code IPPROTO_TCP}
 * options where this Windows has them (idle and interval from Windows 10 1709, the count from 1703),
 * otherwise idle and interval through {@code WSAIoctl(SIO_KEEPALIVE_VALS)}; the user timeout through
 * {@code TCP_MAXRT}. Which path is used is decided once, by probing a throwaway socket for
 * {@code WSAENOPROTOOPT}, never from version numbers.
 */
public final class WindowsBackend implements Backend {

    /** Largest seconds value: Windows keeps these timers in milliseconds in a 32-bit field. */
    static final long MAX_SECONDS = Integer.MAX_VALUE / 1000;
    /** {@code TCP_KEEPCNT} above 255 is refused. */
    static final long MAX_PROBES = 255;
    /** Probes sent through {@code SIO_KEEPALIVE_VALS}: fixed from Windows Vista on. */
    static final int FIXED_PROBES = 10;

    private final boolean timingBySockopt;
    private final boolean countBySockopt;
    private final OptionTable table;
    private final Supplier<WinsockCalls> calls;
    private final Supplier<RegistryReader> registry;
    private final List<String> notes = new ArrayList<>();

    private WindowsBackend(boolean timingBySockopt, boolean countBySockopt, Supplier<WinsockCalls> calls,
                           Supplier<RegistryReader> registry, List<String> probeNotes) {
        this.timingBySockopt = timingBySockopt;
        this.countBySockopt = countBySockopt;
        this.calls = calls;
        this.registry = registry;
        this.table = new OptionTable("Windows", specs(timingBySockopt, countBySockopt), Map.of(Setting.PROBES,
                "TCP_KEEPCNT needs Windows 10 1703 or later; this Windows always sends " + FIXED_PROBES + " probes"));
        notes.addAll(probeNotes);
        notes.add(timingBySockopt
                ? "idle and interval: TCP_KEEPALIVE and TCP_KEEPINTVL, in seconds, read back from the socket"
                : "idle and interval: WSAIoctl(SIO_KEEPALIVE_VALS), in milliseconds, set together; Windows"
                        + " cannot report them, so the values shown are those this library set, or the system"
                        + " defaults (registry, else Microsoft's documented 2 h, 1 s) where it set none");
        notes.add(countBySockopt
                ? "probes: TCP_KEEPCNT, read back from the socket"
                : "probes: fixed at " + FIXED_PROBES + " by Windows; TCP_KEEPCNT is not available");
        notes.add("user timeout: TCP_MAXRT, in seconds; a socket set to retransmit forever (-1) reads as absent");
    }

    /**
     * The backend for the running Windows, with real Winsock calls.
     *
     * @return the backend
     */
    public static WindowsBackend create() {
        return probe(NativeWinsock::new, NativeRegistry::new);
    }

    /**
     * Probes which options Windows supports, using the given calls, and builds the backend, which reads the
     * system defaults from the real registry.
     *
     * @param calls makes the Winsock calls for one socket (called once for the probe, once per socket)
     * @return the backend
     */
    public static WindowsBackend probe(Supplier<WinsockCalls> calls) {
        return probe(calls, NativeRegistry::new);
    }

    /**
     * Probes which options Windows supports, using the given calls, and builds the backend.
     *
     * @param calls makes the Winsock calls for one socket (called once for the probe, once per socket)
     * @param registry reads the registry (called each time the system defaults are read)
     * @return the backend
     */
    static WindowsBackend probe(Supplier<WinsockCalls> calls, Supplier<RegistryReader> registry) {
        WinsockCalls probe = calls.get();
        List<String> notes = new ArrayList<>();
        long socket;
        try {
            socket = probe.openProbeSocket();
        } catch (SocketOptionException e) {
            notes.add("could not open a probe socket (" + e.errorName() + "); assuming TCP_KEEPALIVE,"
                    + " TCP_KEEPINTVL and TCP_KEEPCNT exist");
            return new WindowsBackend(true, true, calls, registry, notes);
        }
        try {
            boolean timing = accepts(probe, socket, spec(Setting.IDLE, "TCP_KEEPALIVE", TCP_KEEPALIVE()), 7200,
                    notes);
            boolean count = accepts(probe, socket, spec(Setting.PROBES, "TCP_KEEPCNT", TCP_KEEPCNT()),
                    FIXED_PROBES, notes);
            return new WindowsBackend(timing, count, calls, registry, notes);
        } finally {
            probe.closeProbeSocket(socket);
        }
    }

    private static boolean accepts(WinsockCalls probe, long socket, OptionSpec spec, int value,
                                   List<String> notes) {
        try {
            probe.setInt(socket, spec, value);
            return true;
        } catch (SocketOptionException e) {
            if (e.errorCode() == WSAENOPROTOOPT()) {
                return false;
            }
            notes.add("probing " + spec.name() + " failed with " + e.errorName() + "; assuming it exists");
            return true;
        }
    }

    private static OptionSpec spec(Setting setting, String name, int option) {
        return OptionSpec.sockopt(setting, name, IPPROTO_TCP(), option, Unit.SECONDS, 1, MAX_SECONDS);
    }

    private static List<OptionSpec> specs(boolean timingBySockopt, boolean countBySockopt) {
        List<OptionSpec> specs = new ArrayList<>();
        if (timingBySockopt) {
            specs.add(spec(Setting.IDLE, "TCP_KEEPALIVE", TCP_KEEPALIVE()));
            specs.add(spec(Setting.INTERVAL, "TCP_KEEPINTVL", TCP_KEEPINTVL()));
        } else {
            specs.add(new OptionSpec(Setting.IDLE, "SIO_KEEPALIVE_VALS", 0, SIO_KEEPALIVE_VALS(),
                    Unit.MILLISECONDS, 1, Integer.MAX_VALUE, false));
            specs.add(new OptionSpec(Setting.INTERVAL, "SIO_KEEPALIVE_VALS", 0, SIO_KEEPALIVE_VALS(),
                    Unit.MILLISECONDS, 1, Integer.MAX_VALUE, false));
        }
        if (countBySockopt) {
            specs.add(OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", IPPROTO_TCP(), TCP_KEEPCNT(), Unit.COUNT,
                    1, MAX_PROBES));
        }
        specs.add(spec(Setting.USER_TIMEOUT, "TCP_MAXRT", TCP_MAXRT()));
        specs.add(OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", SOL_SOCKET(), SO_KEEPALIVE(), Unit.FLAG,
                0, 1));
        return specs;
    }

    /**
     * Whether idle and interval go through {@code setsockopt} (Windows 10 1709 and later).
     *
     * @return {@code false} where {@code SIO_KEEPALIVE_VALS} is used instead
     */
    public boolean timingBySockopt() {
        return timingBySockopt;
    }

    /**
     * Whether the probe count can be set ({@code TCP_KEEPCNT}, Windows 10 1703 and later).
     *
     * @return {@code false} where it is fixed at 10
     */
    public boolean countBySockopt() {
        return countBySockopt;
    }

    @Override
    public OptionTable table() {
        return table;
    }

    @Override
    public void checkHandle(long handle) {
        if (handle == INVALID_SOCKET()) {
            throw new IllegalArgumentException("the handle is INVALID_SOCKET");
        }
    }

    @Override
    public SocketOptions open(long handle, Object owner) {
        WinsockCalls socketCalls = calls.get();
        SockoptOptions sockopt = new SockoptOptions(handle, table, socketCalls);
        return timingBySockopt ? sockopt
                : new KeepAliveValsOptions(handle, socketCalls, sockopt, owner, this::systemDefaults);
    }

    @Override
    public SystemDefaults systemDefaults() {
        return WindowsDefaults.read(registry.get(), countBySockopt);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
