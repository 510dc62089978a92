package dev.keepalive.testing;

import dev.keepalive.AcceptedSockets;
import dev.keepalive.SocketKeepAlive;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Run in a JVM without {@code --add-opens}: the copy at accept, forced as on an OS that does not inherit,
 * finds a listener that can carry no keep-alive setting and leaves the accepted channel as it is. The copy is
 * forced through {@code AcceptedSockets}' package-private test seam {@code accept(listener, inherited)}.
 */
public final class AcceptFallbackProbe {

    private AcceptFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = acceptCopying(server)) {
            System.out.println("accept.listener=" + SocketKeepAlive.of(server).access());
            System.out.println("accept.open=" + accepted.isOpen() + ", connected=" + accepted.isConnected());
            System.out.println("accept.enabled=" + SocketKeepAlive.of(accepted).isEnabled());
        }
    }

    /** Accepts as on an OS whose accepted sockets inherit nothing, so the settings are copied. */
    private static SocketChannel acceptCopying(ServerSocketChannel server) throws Exception {
        Method accept = AcceptedSockets.class.getDeclaredMethod("accept", ServerSocketChannel.class, boolean.class);
        accept.setAccessible(true);
        return (SocketChannel) accept.invoke(null, server, false);
    }
}
