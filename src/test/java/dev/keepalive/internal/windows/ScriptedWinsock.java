package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SOL_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.SO_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPALIVE;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPCNT;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_KEEPINTVL;
import static dev.keepalive.internal.windows.gen.winsock_h.TCP_MAXRT;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAEINVAL;
import static dev.keepalive.internal.windows.gen.winsock_h.WSAENOPROTOOPT;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.OptionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scripted stand-in for Winsock that records every call. Each behaviour follows a source, named where it is
 * scripted; where Microsoft documents nothing, the double says so and the tests pick the value explicitly.
 */
final class ScriptedWinsock implements WinsockCalls {

    /** A Windows version, as far as keep-alive is concerned. */
    enum Version {
        /**
         * Windows 10 1709 (build 16299) and later: {@code TCP_KEEPIDLE} (= {@code TCP_KEEPALIVE}, 3),
         * {@code TCP_KEEPINTVL} and {@code TCP_KEEPCNT} exist. Sources: Microsoft Learn "IPPROTO_TCP socket
         * options" (minimum versions); Go {@code internal/syscall/windows/version_windows.go}
         * ({@code SupportFullTCPKeepAlive}: build 16299); libuv {@code src/win/tcp.c} (same build check).
         */
        MODERN,
        /**
         * Windows 10 1703: {@code TCP_KEEPCNT} exists, {@code TCP_KEEPINTVL} does not; option 3 is accepted
         * (below). Source: Microsoft Learn "IPPROTO_TCP socket options" ({@code TCP_KEEPCNT} from 1703,
         * {@code TCP_KEEPINTVL} from 1709).
         */
        V1703,
        /** Before Windows 10 1703: only option 3 of the three, {@code SIO_KEEPALIVE_VALS} and {@code TCP_MAXRT}. */
        LEGACY
    }

    static final long PROBE_SOCKET = 999;

    private final Version version;
    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Integer> writeFailures = new HashMap<>();
    private final Set<Long> datagramSockets = new HashSet<>();
    private final Set<Long> connecting = new HashSet<>();
    /** The keep-alive times the TCP stack of each socket runs with once keep-alive is on, in ms. */
    private final Map<Long, int[]> stackTimes = new HashMap<>();
    private Integer probeSocketError;
    /**
     * What {@code getsockopt(TCP_MAXRT)} reads on a socket where it was never set. Microsoft documents only the
     * values one sets (a non-negative timeout in seconds, or -1 to retransmit forever), not this one, so there
     * is no default here to rely on: tests that read it choose it with {@link #unsetMaxRt(int)}.
     */
    private int unsetMaxRt = 0;
    final List<String> calls = new ArrayList<>();
    final List<int[]> keepAliveValues = new ArrayList<>();

    ScriptedWinsock(Version version) {
        this.version = version;
    }

    /** Makes every later call on this option fail with the given code. */
    ScriptedWinsock failOn(String optionName, int code) {
        failures.put(optionName, code);
        return this;
    }

    /** Makes every later setsockopt of this option fail with the given code; reads still work. */
    ScriptedWinsock failWritesOf(String optionName, int code) {
        writeFailures.put(optionName, code);
        return this;
    }

    /** Makes the probe socket fail to open with the given code. */
    ScriptedWinsock probeSocketFails(int code) {
        probeSocketError = code;
        return this;
    }

    /** Chooses what an unset {@code TCP_MAXRT} reads (undocumented; see the field). */
    ScriptedWinsock unsetMaxRt(int value) {
        unsetMaxRt = value;
        return this;
    }

    ScriptedWinsock datagram(long socket) {
        datagramSockets.add(socket);
        return this;
    }

    ScriptedWinsock connecting(long socket) {
        connecting.add(socket);
        return this;
    }

    /** The value an option holds on a socket, as Windows would report it, or null if never set. */
    Integer value(long socket, int level, int option) {
        return values.get(socket + "/" + level + "/" + option);
    }

    void preset(long socket, int level, int option, int value) {
        values.put(socket + "/" + level + "/" + option, value);
    }

    /**
     * The idle time and interval, in ms, the socket's keep-alive runs with when it is on: Microsoft's defaults
     * (2 h, 1 s) unless {@code SIO_KEEPALIVE_VALS} changed them with {@code onoff} set. Source: Microsoft Learn
     * "SO_KEEPALIVE socket option", remarks (the default TCP settings apply "unless these values have been
     * changed using SIO_KEEPALIVE_VALS") and "SIO_KEEPALIVE_VALS control code", remarks (the times are used
     * when {@code onoff} is nonzero).
     */
    int[] stackTimes(long socket) {
        return stackTimes.getOrDefault(socket, new int[] {7_200_000, 1_000});
    }

    /** Whether keep-alive is on, as the socket's {@code SO_KEEPALIVE} reports it. */
    boolean keepAliveOn(long socket) {
        Integer on = values.get(socket + "/" + SOL_SOCKET() + "/" + SO_KEEPALIVE());
        return on != null && on != 0;
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        calls.add("setsockopt(" + handle + ", " + spec.name() + ", " + value + ")");
        check("setsockopt", handle, spec);
        Integer writeFailure = writeFailures.get(spec.name());
        if (writeFailure != null) {
            throw WinsockErrors.failure("setsockopt", spec.name(), writeFailure);
        }
        // Microsoft Learn "SO_KEEPALIVE socket option": WSAEINVAL while a connect is still in progress
        if (spec.level() == SOL_SOCKET() && spec.option() == SO_KEEPALIVE() && connecting.contains(handle)) {
            throw WinsockErrors.failure("setsockopt", spec.name(), WSAEINVAL());
        }
        values.put(handle + "/" + spec.level() + "/" + spec.option(), value);
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        calls.add("getsockopt(" + handle + ", " + spec.name() + ")");
        check("getsockopt", handle, spec);
        Integer value = values.get(handle + "/" + spec.level() + "/" + spec.option());
        return value != null ? value : defaultOf(spec);
    }

    @Override
    public void keepAliveValues(long handle, boolean on, int idleMillis, int intervalMillis)
            throws SocketOptionException {
        calls.add("WSAIoctl(" + handle + ", SIO_KEEPALIVE_VALS, " + (on ? 1 : 0) + ", " + idleMillis + ", "
                + intervalMillis + ")");
        Integer failure = failures.get("SIO_KEEPALIVE_VALS");
        if (failure != null) {
            throw WinsockErrors.failure("WSAIoctl", "SIO_KEEPALIVE_VALS", failure);
        }
        keepAliveValues.add(new int[] {on ? 1 : 0, idleMillis, intervalMillis});
        // Microsoft Learn "SIO_KEEPALIVE_VALS control code": onoff turns keep-alive on or off; the times are
        // taken only with onoff nonzero (what Windows does with them otherwise is not documented, so here they
        // are dropped, as Go, .NET, socket2 and libuv never rely on it: they always send onoff = 1)
        values.put(handle + "/" + SOL_SOCKET() + "/" + SO_KEEPALIVE(), on ? 1 : 0);
        if (on) {
            stackTimes.put(handle, new int[] {idleMillis, intervalMillis});
        }
    }

    @Override
    public long openProbeSocket() throws SocketOptionException {
        calls.add("socket()");
        if (probeSocketError != null) {
            throw WinsockErrors.failure("socket", "SOCK_STREAM", probeSocketError);
        }
        return PROBE_SOCKET;
    }

    @Override
    public void closeProbeSocket(long handle) {
        calls.add("closesocket(" + handle + ")");
    }

    private void check(String operation, long handle, OptionSpec spec) throws SocketOptionException {
        Integer failure = failures.get(spec.name());
        if (failure != null) {
            throw WinsockErrors.failure(operation, spec.name(), failure);
        }
        // Microsoft Learn "SO_KEEPALIVE socket option": WSAENOPROTOOPT for an unknown option or a datagram socket
        if (!exists(spec) || datagramSockets.contains(handle)) {
            throw WinsockErrors.failure(operation, spec.name(), WSAENOPROTOOPT());
        }
    }

    private boolean exists(OptionSpec spec) {
        if (spec.level() != IPPROTO_TCP()) {
            return true;
        }
        int option = spec.option();
        if (option == TCP_KEEPALIVE()) {
            // option 3, the old TCP_KEEPALIVE, is accepted well before 1709, undocumented: libuv set it on every
            // Windows version before its 16299 check (src/win/tcp.c history), and nodejs/node#24689 (Server 2012
            // R2) and #42020 (build 14393) show it working there
            return true;
        }
        if (option == TCP_KEEPINTVL()) {
            return version == Version.MODERN;
        }
        if (option == TCP_KEEPCNT()) {
            return version != Version.LEGACY;
        }
        // Microsoft Learn "IPPROTO_TCP socket options": TCP_MAXRT exists from Windows Vista
        return option == TCP_MAXRT();
    }

    private int defaultOf(OptionSpec spec) {
        if (spec.level() == SOL_SOCKET()) {
            return 0; // Microsoft Learn "SO_KEEPALIVE socket option": off by default
        }
        int option = spec.option();
        if (option == TCP_KEEPALIVE()) {
            return 7200; // Microsoft Learn "SO_KEEPALIVE socket option": the default timeout is 2 hours
        }
        if (option == TCP_KEEPINTVL()) {
            return 1; // same page: the default interval is 1 second
        }
        if (option == TCP_KEEPCNT()) {
            return 10; // same page: 10 probes from Windows Vista on
        }
        return unsetMaxRt;
    }
}
