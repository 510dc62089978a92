package dev.keepalive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A client for {@link dev.keepalive.testing.SilentPeer}: connects to {@code host:port}, applies
 * {@code idle interval probes} (seconds, seconds, count) through the library, blocks in a read and reports
 * how the read ended: {@code dead: <message>} (exit 0) when the kernel gives up on the peer.
 */
final class IdleReader {

    private IdleReader() {
    }

    public static void main(String[] args) throws IOException {
        String[] hostPort = args[0].split(":");
        try (SocketChannel channel = SocketChannel.open(
                new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))) {
            KeepAlive applied = SocketKeepAlive.of(channel).apply(KeepAlive.builder()
                    .idle(Duration.ofSeconds(Long.parseLong(args[1])))
                    .interval(Duration.ofSeconds(Long.parseLong(args[2]))).probes(Integer.parseInt(args[3])).build());
            System.out.println("connected, " + applied);
            int read = channel.read(ByteBuffer.allocate(1));
            System.out.println("read returned " + read);
            System.exit(1);
        } catch (IOException e) {
            System.out.println("dead: " + e.getMessage());
        }
    }
}
