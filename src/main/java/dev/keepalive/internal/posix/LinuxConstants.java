package dev.keepalive.internal.posix;

import static dev.keepalive.internal.linux.gen.posix_h.*;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.Unit;

/** Linux's option numbers and {@code errno} values, from the generated glibc bindings. */
final class LinuxConstants {

    /** Largest {@code TCP_KEEPIDLE} and {@code TCP_KEEPINTVL}: {@code MAX_TCP_KEEPIDLE} in the kernel. */
    static final int MAX_KEEPIDLE_SECONDS = 32767;
    /** Largest {@code TCP_KEEPCNT}: {@code MAX_TCP_KEEPCNT} in the kernel. */
    static final int MAX_KEEPCNT = 127;

    private LinuxConstants() {
    }

    static PosixConstants create() {
        return new PosixConstants("Linux", SOL_SOCKET(), SO_KEEPALIVE(), IPPROTO_TCP(),
                "TCP_KEEPIDLE", TCP_KEEPIDLE(), MAX_KEEPIDLE_SECONDS, TCP_KEEPINTVL(), MAX_KEEPIDLE_SECONDS,
                TCP_KEEPCNT(), MAX_KEEPCNT, "TCP_USER_TIMEOUT", TCP_USER_TIMEOUT(), Unit.MILLISECONDS,
                Integer.MAX_VALUE, errorNames());
    }

    static ErrorNames errorNames() {
        return new ErrorNames()
                .add(EPERM(), "EPERM")
                .add(EINTR(), "EINTR")
                .add(EBADF(), "EBADF")
                .add(EAGAIN(), "EAGAIN")
                .add(ENOMEM(), "ENOMEM")
                .add(EACCES(), "EACCES")
                .add(EFAULT(), "EFAULT")
                .add(EINVAL(), "EINVAL")
                .add(ENFILE(), "ENFILE")
                .add(EMFILE(), "EMFILE")
                .add(EDOM(), "EDOM")
                .add(ERANGE(), "ERANGE")
                .add(ENOTSOCK(), "ENOTSOCK")
                .add(ENOPROTOOPT(), "ENOPROTOOPT")
                .add(EPROTONOSUPPORT(), "EPROTONOSUPPORT")
                .add(EOPNOTSUPP(), "EOPNOTSUPP")
                .add(EAFNOSUPPORT(), "EAFNOSUPPORT")
                .add(ENOBUFS(), "ENOBUFS")
                .add(ENOTCONN(), "ENOTCONN")
                .add(ECONNRESET(), "ECONNRESET")
                .add(ETIMEDOUT(), "ETIMEDOUT");
    }
}
