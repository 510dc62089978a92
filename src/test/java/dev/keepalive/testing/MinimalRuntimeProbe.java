package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.posix.gen.posix_h;
import java.time.Duration;

/**
 * Run on a Java runtime made of {@code java.base} alone (no {@code jdk.net}), from the class path: reports what
 * the library does there, one line per check, each with the exception's type where one is thrown. Refers to
 * nothing outside {@code java.base} itself.
 */
public final class MinimalRuntimeProbe {

    private MinimalRuntimeProbe() {
    }

    private interface Check {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("jdk.net=" + ModuleLayer.boot().findModule("jdk.net").isPresent());
        check("access", () -> SocketKeepAlive.capabilities().socketAccess());
        check("capabilities", () -> SocketKeepAlive.capabilities().options().stream()
                .map(option -> option.setting()).toList());
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive view = SocketKeepAlive.of(loopback.client);
            check("setEnabled", () -> {
                view.setEnabled(true);
                return view.isEnabled();
            });
            check("apply", () -> view.apply(KeepAlive.builder().idle(Duration.ofSeconds(31))
                    .interval(Duration.ofSeconds(7)).probes(4).build()));
            check("kernel", () -> {
                int fd = Descriptors.of(loopback.client);
                return Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPIDLE()) + "/"
                        + Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPINTVL()) + "/"
                        + Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPCNT());
            });
            check("current", view::current);
            check("effective.idle", () -> view.effective().idle());
        }
    }

    private static void check(String name, Check check) {
        Object outcome;
        try {
            outcome = check.run();
        } catch (Throwable e) {
            outcome = e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(name + "=" + outcome);
    }
}
