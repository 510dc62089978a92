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
 * A scripted stand-in for Winsock: it keeps per-socket option values the way Windows documents them,
 * refuses what a given Windows version lacks with {@code WSAENOPROTOOPT}, and records every call.
 */
final class ScriptedWinsock implements WinsockCalls {

    /** A Windows version, as far as keep-alive is concerned. */
    enum Version {
        /** Windows 10 1709 and later: every IPPROTO_TCP keep-alive option exists. */
        MODERN,
        /** Windows 10 1703: TCP_KEEPCNT exists, TCP_KEEPALIVE and TCP_KEEPINTVL do not. */
        V1703,
        /** Windows before 10 1703: only SO_KEEPALIVE, SIO_KEEPALIVE_VALS and TCP_MAXRT. */
        LEGACY
    }

    static final long PROBE_SOCKET = 999;

    private final Version version;
    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Integer> writeFailures = new HashMap<>();
    private final Set<Long> datagramSockets = new HashSet<>();
    private final Set<Long> connecting = new HashSet<>();
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

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        calls.add("setsockopt(" + handle + ", " + spec.name() + ", " + value + ")");
        check("setsockopt", handle, spec);
        Integer writeFailure = writeFailures.get(spec.name());
        if (writeFailure != null) {
            throw WinsockErrors.failure("setsockopt", spec.name(), writeFailure);
        }
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
        values.put(handle + "/" + SOL_SOCKET() + "/" + SO_KEEPALIVE(), on ? 1 : 0);
    }

    @Override
    public long openProbeSocket() {
        calls.add("socket()");
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
        if (!exists(spec) || datagramSockets.contains(handle)) {
            throw WinsockErrors.failure(operation, spec.name(), WSAENOPROTOOPT());
        }
    }

    private boolean exists(OptionSpec spec) {
        if (spec.level() != IPPROTO_TCP()) {
            return true;
        }
        int option = spec.option();
        if (option == TCP_KEEPALIVE() || option == TCP_KEEPINTVL()) {
            return version == Version.MODERN;
        }
        if (option == TCP_KEEPCNT()) {
            return version != Version.LEGACY;
        }
        return option == TCP_MAXRT();
    }

    private static int defaultOf(OptionSpec spec) {
        if (spec.level() == SOL_SOCKET()) {
            return 0;
        }
        int option = spec.option();
        if (option == TCP_KEEPALIVE()) {
            return 7200;
        }
        if (option == TCP_KEEPINTVL()) {
            return 1;
        }
        if (option == TCP_KEEPCNT()) {
            return 10;
        }
        return 21;
    }
}
