package dev.keepalive.internal.posix;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.Unit;
import java.util.List;
import java.util.Map;

/**
 * macOS's keep-alive options, one line each, and its {@code errno} names, written by hand because no macOS SDK
 * headers are available to generate them. Numbers from the macOS SDK's {@code sys/socket.h},
 * {@code netinet/in.h}, {@code netinet/tcp.h} and {@code sys/errno.h}. Limits: {@code tcp_ctloutput} in XNU's
 * {@code bsd/netinet/tcp_usrreq.c} accepts idle and interval up to {@code UINT32_MAX / TCP_RETRANSHZ} seconds,
 * but the keep-alive timer compares times as signed 32-bit differences of milliseconds ({@code timer_diff},
 * {@code bsd/netinet/tcp_timer.c} 537-540, xnu-11417.101.15), so idle and interval stay below 2^31 ms; and
 * {@code idle + probes * interval}, which {@code tcp_timer.c} 1510 adds in unsigned 32 bits, below 2^32 ms
 * ({@link MacBackend} checks that sum). The drop time is multiplied by 1000 in a signed int.
 */
final class MacOptions {

    static final int SOL_SOCKET = 0xffff;
    static final int IPPROTO_TCP = 6;

    // sockopt(setting, C name, level, number, unit, min, max)
    static final OptionSpec SO_KEEPALIVE = OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", SOL_SOCKET, 0x0008, Unit.FLAG, 0, 1);
    static final OptionSpec TCP_KEEPALIVE = OptionSpec.sockopt(Setting.IDLE, "TCP_KEEPALIVE", IPPROTO_TCP, 0x10, Unit.SECONDS, 1, 2_147_483);
    static final OptionSpec TCP_KEEPINTVL = OptionSpec.sockopt(Setting.INTERVAL, "TCP_KEEPINTVL", IPPROTO_TCP, 0x101, Unit.SECONDS, 1, 2_147_483);
    static final OptionSpec TCP_KEEPCNT = OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", IPPROTO_TCP, 0x102, Unit.COUNT, 1, Integer.MAX_VALUE);
    static final OptionSpec TCP_RXT_CONNDROPTIME = OptionSpec.sockopt(Setting.USER_TIMEOUT, "TCP_RXT_CONNDROPTIME", IPPROTO_TCP, 0x80, Unit.SECONDS, 0, Integer.MAX_VALUE / 1000);

    /** Read only, to learn the connection's state (its first byte, {@code tcpi_state}) before setting the idle time. */
    static final OptionSpec TCP_CONNECTION_INFO = OptionSpec.sockopt(Setting.IDLE, "TCP_CONNECTION_INFO", IPPROTO_TCP, 0x106, Unit.COUNT, 0, 255);

    /** {@code TCPS_LISTEN} in {@code bsd/netinet/tcp_fsm.h}. */
    static final int TCPS_LISTEN = 1;
    /** The keep-alive timer's limits, in milliseconds: see the class documentation. */
    static final long TIMER_HALF_RANGE_MS = 1L << 31;
    static final long TIMER_RANGE_MS = 1L << 32;

    static final OptionTable TABLE = new OptionTable(Os.MACOS,
            List.of(SO_KEEPALIVE, TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_RXT_CONNDROPTIME), Map.of());

    static final ErrorNames ERRORS = new ErrorNames()
            .add(1, "EPERM")
            .add(2, "ENOENT")
            .add(4, "EINTR")
            .add(9, "EBADF")
            .add(12, "ENOMEM")
            .add(13, "EACCES")
            .add(14, "EFAULT")
            .add(22, "EINVAL")
            .add(23, "ENFILE")
            .add(24, "EMFILE")
            .add(33, "EDOM")
            .add(34, "ERANGE")
            .add(35, "EAGAIN")
            .add(38, "ENOTSOCK")
            .add(42, "ENOPROTOOPT")
            .add(43, "EPROTONOSUPPORT")
            .add(45, "ENOTSUP")
            .add(47, "EAFNOSUPPORT")
            .add(54, "ECONNRESET")
            .add(55, "ENOBUFS")
            .add(57, "ENOTCONN")
            .add(60, "ETIMEDOUT")
            .add(102, "EOPNOTSUPP");

    private MacOptions() {
    }
}
