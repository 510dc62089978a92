package dev.keepalive.testing;

import dev.keepalive.AcceptedSockets;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * Run in a JVM without {@code --add-opens}: the copy at accept, forced as on an OS that does not inherit. A
 * listener on which nothing was set leaves the accepted channel as it is; one given settings through the JDK's
 * options (and its keep-alive switch, remembered) gives them all to the accepted channel.
 */
public final class AcceptFallbackProbe {

    private AcceptFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = acceptCopying(server)) {
                System.out.println("accept.listener=" + SocketKeepAlive.of(server).access());
                System.out.println("accept.open=" + accepted.isOpen() + ", connected=" + accepted.isConnected());
                System.out.println("accept.enabled=" + SocketKeepAlive.of(accepted).isEnabled());
            }
            SocketKeepAlive.of(server).apply(KeepAlive.builder().idle(Duration.ofSeconds(24))
                    .interval(Duration.ofSeconds(4)).probes(7).build());
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = acceptCopying(server)) {
                System.out.println("accept.copied=" + accepted.getOption(StandardSocketOptions.SO_KEEPALIVE) + "/"
                        + accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                        + accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                        + accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            }
        }
    }

    /** Accepts as on an OS whose accepted sockets inherit nothing, so the settings are copied. */
    private static SocketChannel acceptCopying(ServerSocketChannel server) throws Exception {
        Method accept = AcceptedSockets.class.getDeclaredMethod("accept", ServerSocketChannel.class, boolean.class);
        accept.setAccessible(true);
        return (SocketChannel) accept.invoke(null, server, false);
    }
}
