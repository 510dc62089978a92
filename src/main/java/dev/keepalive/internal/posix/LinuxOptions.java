package dev.keepalive.internal.posix;

import static dev.keepalive.internal.posix.gen.posix_h.*;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.Unit;
import java.util.List;
import java.util.Map;

/**
 * Linux's keep-alive options, one line each (numbers from the generated glibc bindings, limits from the
 * kernel's {@code net/ipv4/tcp.c}: {@code MAX_TCP_KEEPIDLE}, {@code MAX_TCP_KEEPINTVL}, {@code MAX_TCP_KEEPCNT}),
 * and its {@code errno} names.
 */
final class LinuxOptions {

    // sockopt(setting, C name, level, number, unit, min, max)
    static final OptionSpec SO_KEEPALIVE = OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", SOL_SOCKET(), SO_KEEPALIVE(), Unit.FLAG, 0, 1);
    static final OptionSpec TCP_KEEPIDLE = OptionSpec.sockopt(Setting.IDLE, "TCP_KEEPIDLE", IPPROTO_TCP(), TCP_KEEPIDLE(), Unit.SECONDS, 1, 32767);
    static final OptionSpec TCP_KEEPINTVL = OptionSpec.sockopt(Setting.INTERVAL, "TCP_KEEPINTVL", IPPROTO_TCP(), TCP_KEEPINTVL(), Unit.SECONDS, 1, 32767);
    static final OptionSpec TCP_KEEPCNT = OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", IPPROTO_TCP(), TCP_KEEPCNT(), Unit.COUNT, 1, 127);
    static final OptionSpec TCP_USER_TIMEOUT = OptionSpec.sockopt(Setting.USER_TIMEOUT, "TCP_USER_TIMEOUT", IPPROTO_TCP(), TCP_USER_TIMEOUT(), Unit.MILLISECONDS, 0, Integer.MAX_VALUE);

    static final OptionTable TABLE = new OptionTable(Os.LINUX,
            List.of(SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT), Map.of());

    static final ErrorNames ERRORS = new ErrorNames()
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

    private LinuxOptions() {
    }
}
