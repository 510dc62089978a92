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
            System.out.println("detectionTime=" + keepAlive.effective().detectionTime().orElse(null));
            try (java.net.Socket plain = new java.net.Socket(loopback.server.socket().getInetAddress(),
                    loopback.server.socket().getLocalPort());
                 java.nio.channels.SocketChannel plainPeer = loopback.server.accept()) {
                SocketKeepAlive.of(plain).setUserTimeout(Duration.ofSeconds(5));
                System.out.println("socket.userTimeout=set");
            } catch (UnsupportedOperationException e) {
                System.out.println("socket.userTimeout=" + e.getMessage());
            }
            SocketKeepAlive server = SocketKeepAlive.of(loopback.server);
            KeepAlive listenerSettings = KeepAlive.builder().idle(Duration.ofSeconds(21))
                    .interval(Duration.ofSeconds(3)).probes(6).build();
            System.out.println("server.applied=" + server.apply(listenerSettings));
            System.out.println("server.current=" + server.current() + ", isEnabled=" + server.isEnabled());
            System.out.println("server.jdk=" + loopback.server.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                    + loopback.server.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                    + loopback.server.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                    loopback.server.getLocalAddress());
                 java.nio.channels.SocketChannel accepted = dev.keepalive.AcceptedSockets.accept(loopback.server)) {
                System.out.println("accepted.jdk=" + accepted.getOption(java.net.StandardSocketOptions.SO_KEEPALIVE)
                        + "/" + accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                        + accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                        + accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
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
