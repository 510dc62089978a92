package dev.keepalive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Run in a JVM without {@code --add-opens}: the copy at accept, forced as on an OS that does not inherit,
 * finds a listener that can carry no keep-alive setting and leaves the accepted channel as it is.
 */
public final class AcceptFallbackProbe {

    private AcceptFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = AcceptedSockets.accept(server, false)) {
            System.out.println("accept.listener=" + SocketKeepAlive.of(server).access());
            System.out.println("accept.open=" + accepted.isOpen() + ", connected=" + accepted.isConnected());
            System.out.println("accept.enabled=" + SocketKeepAlive.of(accepted).isEnabled());
        }
    }
}
