package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;

/** Run in a JVM without {@code --add-opens}: what the library does with asynchronous channels, one line a check. */
public final class AsyncFallbackProbe {

    private AsyncFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            Future<AsynchronousSocketChannel> accepting = server.accept();
            client.connect(server.getLocalAddress()).get(5, TimeUnit.SECONDS);
            try (AsynchronousSocketChannel accepted = accepting.get(5, TimeUnit.SECONDS)) {
                SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
                System.out.println("async.access=" + keepAlive.access());
                KeepAlive applied = keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(33))
                        .interval(Duration.ofSeconds(8)).probes(5).build());
                System.out.println("async.applied=" + applied);
                System.out.println("async.jdk=" + client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                        + client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                        + client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
                try {
                    keepAlive.setUserTimeout(Duration.ofSeconds(5));
                    System.out.println("async.userTimeout=set");
                } catch (UnsupportedOperationException e) {
                    System.out.println("async.userTimeout=" + e.getMessage());
                }
                SocketKeepAlive listener = SocketKeepAlive.of(server);
                System.out.println("async.server.applied=" + listener.apply(KeepAlive.builder()
                        .idle(Duration.ofSeconds(22)).build()));
                System.out.println("async.server.jdk=" + server.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)
                        + ", isEnabled=" + listener.isEnabled());
                client.close();
                try {
                    keepAlive.setIdle(Duration.ofSeconds(9));
                    System.out.println("async.closed=set");
                } catch (ClosedChannelException e) {
                    System.out.println("async.closed=" + e.getClass().getSimpleName());
                }
            }
        }
    }
}
