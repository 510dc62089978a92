package dev.keepalive.internal.posix;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.Unit;

/**
 * macOS's option numbers, limits and {@code errno} values, written by hand because no macOS SDK headers are
 * available to generate them. Sources: the macOS SDK's {@code sys/socket.h}, {@code netinet/in.h},
 * {@code netinet/tcp.h} and {@code sys/errno.h}; the limits are those {@code tcp_ctloutput} in XNU's
 * {@code bsd/netinet/tcp_usrreq.c} enforces.
 */
final class MacConstants {

    static final int SOL_SOCKET = 0xffff;
    static final int SO_KEEPALIVE = 0x0008;
    static final int IPPROTO_TCP = 6;
    /** The idle time before the first probe, in seconds (Linux calls it {@code TCP_KEEPIDLE}). */
    static final int TCP_KEEPALIVE = 0x10;
    static final int TCP_KEEPINTVL = 0x101;
    static final int TCP_KEEPCNT = 0x102;
    /** Seconds of unacknowledged retransmission before the connection is dropped. */
    static final int TCP_RXT_CONNDROPTIME = 0x80;

    /** XNU refuses idle and interval above {@code UINT32_MAX / TCP_RETRANSHZ} seconds. */
    static final long MAX_KEEP_SECONDS = 4_294_967L;
    /** XNU multiplies the drop time by 1000 in a signed int. */
    static final long MAX_CONNDROP_SECONDS = Integer.MAX_VALUE / 1000;

    private MacConstants() {
    }

    static PosixConstants create() {
        return new PosixConstants("macOS", SOL_SOCKET, SO_KEEPALIVE, IPPROTO_TCP,
                "TCP_KEEPALIVE", TCP_KEEPALIVE, MAX_KEEP_SECONDS, TCP_KEEPINTVL, MAX_KEEP_SECONDS,
                TCP_KEEPCNT, Integer.MAX_VALUE, "TCP_RXT_CONNDROPTIME", TCP_RXT_CONNDROPTIME, Unit.SECONDS,
                MAX_CONNDROP_SECONDS, errorNames());
    }

    static ErrorNames errorNames() {
        return new ErrorNames()
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
    }
}
