package dev.keepalive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A client for {@link dev.keepalive.testing.SilentPeer}: connects to {@code host:port}, applies
 * {@code idle interval probes} (seconds, seconds, count) through the library, blocks in a read and reports
 * how the read ended: {@code dead after <ms>ms of silence: <message>} (exit 0) when the kernel gives up on the
 * peer. The silence is counted from the connect, when the peer's SYN-ACK, the last segment heard, arrived:
 * {@code apply} turns keep-alive on first and then sets the idle time, and Linux re-arms the timer then for the
 * idle time less the silence already passed since the last segment received ({@code tcp_sock_set_keepidle}).
 */
final class IdleReader {

    private IdleReader() {
    }

    public static void main(String[] args) throws IOException {
        String[] hostPort = args[0].split(":");
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))) {
            long lastHeard = System.nanoTime();
            KeepAlive applied = SocketKeepAlive.of(channel).apply(KeepAlive.builder()
                    .idle(Duration.ofSeconds(Long.parseLong(args[1])))
                    .interval(Duration.ofSeconds(Long.parseLong(args[2]))).probes(Integer.parseInt(args[3])).build());
            System.out.println("connected, " + applied);
            int read;
            try {
                read = channel.read(ByteBuffer.allocate(1));
            } catch (IOException e) {
                // timed as the read fails, before this cold JVM spends time closing the channel
                long silence = (System.nanoTime() - lastHeard) / 1_000_000;
                System.out.println("dead after " + silence + "ms of silence: " + e.getMessage());
                return;
            }
            System.out.println("read returned " + read);
            System.exit(1);
        }
    }
}
