package example;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/** A program outside the library: applies settings and checks that the kernel holds them. */
public final class Main {
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            KeepAlive applied = keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(41))
                    .interval(Duration.ofSeconds(6)).probes(5).build());
            boolean held = client.getOption(StandardSocketOptions.SO_KEEPALIVE)
                    && client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) == 41
                    && client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) == 6
                    && client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT) == 5;
            System.out.println("access=" + keepAlive.access());
            System.out.println("applied=" + applied);
            System.out.println("kernel holds the values: " + held);
            System.exit(held ? 0 : 1);
        }
    }
}
