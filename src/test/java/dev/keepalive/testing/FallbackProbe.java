package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.posix.gen.posix_h;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/** Run in a JVM without {@code --add-opens}: reports what the library can still do, one line per check. */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("capabilities.access=" + SocketKeepAlive.capabilities().socketAccess());
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            System.out.println("access=" + keepAlive.access());
            KeepAlive applied = keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(31))
                    .interval(Duration.ofSeconds(7)).probes(4).build());
            System.out.println("applied=" + applied);
            System.out.println("jdk=" + loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                    + loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                    + loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            try {
                keepAlive.setUserTimeout(Duration.ofSeconds(5));
                System.out.println("userTimeout=set");
            } catch (UnsupportedOperationException e) {
                System.out.println("userTimeout=" + e.getMessage());
            }
            try {
                SocketKeepAlive.of(loopback.server).setEnabled(true);
                System.out.println("server=set");
            } catch (UnsupportedOperationException e) {
                System.out.println("server=" + e.getMessage());
            }
            int fd = Descriptors.socket(posix_h.AF_INET(), posix_h.SOCK_STREAM());
            try {
                SocketKeepAlive raw = SocketKeepAlive.ofHandle(fd);
                raw.setProbes(6);
                System.out.println("handle=" + raw.access() + "/"
                        + Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPCNT()));
            } finally {
                Descriptors.close(fd);
            }
        }
    }
}
