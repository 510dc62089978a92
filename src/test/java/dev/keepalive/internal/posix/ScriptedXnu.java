package dev.keepalive.internal.posix;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for XNU's {@code setsockopt}/{@code getsockopt} on one TCP socket, recording each call.
 * Each behaviour follows XNU's source, tag xnu-11417.101.15 unless another tag is named, cited where it is
 * scripted; the system defaults come from a {@link ScriptedSysctl}.
 */
final class ScriptedXnu implements SocketCalls {

    /** {@code TCP_CONNECTION_INFO}, {@code bsd/netinet/tcp.h}: a {@code struct tcp_connection_info}. */
    static final int TCP_CONNECTION_INFO = 0x106;
    /** {@code bsd/netinet/tcp_fsm.h}. */
    static final int TCPS_LISTEN = 1;
    static final int TCPS_ESTABLISHED = 4;

    private final ScriptedSysctl sysctl;
    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> writeFailures = new HashMap<>();
    private int state = TCPS_ESTABLISHED;
    private boolean shutDown;
    private boolean before14;
    /** The keep-alive timer's due time after the last re-arm, in ms from then; null if never armed. */
    private Integer armedMillis;
    private boolean listenerDropped;
    final List<String> calls = new ArrayList<>();

    ScriptedXnu(ScriptedSysctl sysctl) {
        this.sysctl = sysctl;
    }

    ScriptedXnu failWritesOf(String option, int errno) {
        writeFailures.put(option, errno);
        return this;
    }

    /** The socket listens ({@code TCPS_LISTEN}) instead of being established. */
    ScriptedXnu listening() {
        state = TCPS_LISTEN;
        return this;
    }

    /** Both directions are shut down ({@code SS_CANTRCVMORE | SS_CANTSENDMORE}). */
    ScriptedXnu shutDown() {
        shutDown = true;
        return this;
    }

    /** Behaves as xnu-8796.141.3 (macOS 13) rather than a later XNU. */
    ScriptedXnu macOs13() {
        before14 = true;
        return this;
    }

    /** The value the socket holds for an option, or null if it was never set. */
    Integer value(int level, int option) {
        return values.get(level + "/" + option);
    }

    /** The idle time the keep-alive timer was last armed with, in ms, or null. */
    Integer armedIdleMillis() {
        return armedMillis;
    }

    /** Whether a keep-alive timer was armed on the listening socket, which XNU drops when it fires. */
    boolean listenerDropped() {
        return listenerDropped;
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        calls.add("setsockopt(" + handle + ", " + spec.level() + ", 0x" + Integer.toHexString(spec.option()) + ", "
                + value + ")");
        // bsd/kern/uipc_socket.c 4878-4884 (sosetoptlock): once the socket can neither receive nor send,
        // every setsockopt fails with EINVAL
        if (shutDown) {
            throw new SocketOptionException("setsockopt", spec.name(), 22, "EINVAL", "Invalid argument");
        }
        Integer errno = writeFailures.get(spec.name());
        if (errno != null) {
            throw new SocketOptionException("setsockopt", spec.name(), errno, MacOptions.ERRORS.nameOf(errno),
                    "scripted");
        }
        values.put(spec.level() + "/" + spec.option(), value);
        if (spec.option() == MacOptions.TCP_KEEPALIVE.option() && spec.level() == MacOptions.IPPROTO_TCP) {
            // bsd/netinet/tcp_usrreq.c 2442-2458: setting TCP_KEEPALIVE re-arms the keep-alive timer with
            // TCP_CONN_KEEPIDLE, but only on an established connection (the guard came with xnu-10002.1.13,
            // tcp_usrreq.c 2407); xnu-8796.141.3 re-arms it in any state (tcp_usrreq.c 2386)
            if (before14 || state >= TCPS_ESTABLISHED) {
                armedMillis = connKeepIdleMillis();
                // tcp_timer.c 1492-1494 (TCPT_KEEP): a timer that fires before ESTABLISHED drops the socket
                listenerDropped |= state == TCPS_LISTEN;
            }
        }
        // bsd/kern/uipc_socket.c 4936-4960: SO_KEEPALIVE only sets or clears the flag; no timer is re-armed
    }

    /** bsd/netinet/tcp_timer.h 302-305: the socket's idle time counts only while SO_KEEPALIVE is on. */
    private int connKeepIdleMillis() {
        Integer idle = values.get(MacOptions.IPPROTO_TCP + "/" + MacOptions.TCP_KEEPALIVE.option());
        Integer on = values.get(MacOptions.SOL_SOCKET + "/" + MacOptions.SO_KEEPALIVE.option());
        return idle != null && idle > 0 && on != null && on != 0 ? idle * 1000 : sysctl.value("net.inet.tcp.keepidle");
    }

    @Override
    public int getInt(long handle, OptionSpec spec) {
        calls.add("getsockopt(" + handle + ", " + spec.level() + ", 0x" + Integer.toHexString(spec.option()) + ")");
        if (spec.level() == MacOptions.IPPROTO_TCP && spec.option() == TCP_CONNECTION_INFO) {
            // tcp_usrreq.c 2919-2924 copies out a tcp_connection_info, cut to the caller's length
            // (uipc_socket.c 5848); its first byte is tcpi_state (tcp.h 255), little-endian in an int
            return state;
        }
        Integer value = values.get(spec.level() + "/" + spec.option());
        if (value != null && value != 0) {
            return value;
        }
        // tcp_usrreq.c 2834-2854 (since xnu-3789, macOS 10.12): TCP_KEEPALIVE, TCP_KEEPINTVL and TCP_KEEPCNT
        // read the system default where the socket has none (0); the sysctls keep ms, the options read seconds
        if (spec.option() == MacOptions.TCP_KEEPALIVE.option()) {
            return sysctl.value("net.inet.tcp.keepidle") / 1000;
        }
        if (spec.option() == MacOptions.TCP_KEEPINTVL.option()) {
            return sysctl.value("net.inet.tcp.keepintvl") / 1000;
        }
        if (spec.option() == MacOptions.TCP_KEEPCNT.option()) {
            return sysctl.value("net.inet.tcp.keepcnt");
        }
        // SO_KEEPALIVE off by default; TCP_RXT_CONNDROPTIME reads t_rxt_conndroptime, 0 unset (tcp_usrreq.c 2885)
        return 0;
    }
}
