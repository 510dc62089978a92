package dev.keepalive;

import dev.keepalive.testing.Firewall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run inside a private network by {@link DeadPeerIT}: opens idle loopback connections with different keep-alive
 * settings, each blocked in a read, then makes the peer vanish with a firewall DROP rule and reports, one
 * {@code name=...} line per connection, how long after the drop each read failed and with what message, or
 * that it was still blocked when the watch ended.
 */
final class SilentPeerScenario {

    /** The connections: name, and settings applied through the library (null: keep-alive left off). */
    static final Map<String, KeepAlive> CONNECTIONS = new LinkedHashMap<>();

    static {
        KeepAlive probes = KeepAlive.builder().idle(Duration.ofSeconds(1)).interval(Duration.ofSeconds(1))
                .probes(3).build();
        CONNECTIONS.put("probes", probes);
        CONNECTIONS.put("userTimeout", probes.toBuilder().userTimeout(Duration.ofMillis(1500)).build());
        CONNECTIONS.put("plain", null);
    }

    /** How long after the drop the scenario watches the reads. */
    static final Duration WATCH = Duration.ofSeconds(7);

    private SilentPeerScenario() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Map<String, SocketChannel> clients = new LinkedHashMap<>();
            Map<String, SocketChannel> peers = new LinkedHashMap<>();
            Map<String, CompletableFuture<String>> reads = new LinkedHashMap<>();
            CountDownLatch firstBytes = new CountDownLatch(CONNECTIONS.size());
            AtomicLong dropped = new AtomicLong();
            for (Map.Entry<String, KeepAlive> connection : CONNECTIONS.entrySet()) {
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                if (connection.getValue() != null) {
                    SocketKeepAlive.of(client).apply(connection.getValue());
                }
                clients.put(connection.getKey(), client);
                peers.put(connection.getKey(), server.accept());
                reads.put(connection.getKey(), blockedRead(client, firstBytes, dropped));
            }
            for (String name : CONNECTIONS.keySet()) {
                System.out.println(name + ".settings=" + SocketKeepAlive.of(clients.get(name)).current()
                        + " jdkKeepAlive=" + clients.get(name).getOption(StandardSocketOptions.SO_KEEPALIVE));
            }
            // one byte each way marks the last moment the peer was heard; the drop follows at once
            for (SocketChannel peer : peers.values()) {
                peer.write(ByteBuffer.wrap(new byte[] {1}));
            }
            if (!firstBytes.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first bytes did not arrive");
            }
            long heard = System.nanoTime();
            Firewall.dropPort(port);
            dropped.set(System.nanoTime());
            System.out.println("drop.tookMs=" + (dropped.get() - heard) / 1_000_000 + " tool="
                    + Firewall.tool().orElseThrow());
            long deadline = dropped.get() + WATCH.toNanos();
            for (Map.Entry<String, CompletableFuture<String>> read : reads.entrySet()) {
                long left = Math.max(0, deadline - System.nanoTime());
                String outcome;
                try {
                    outcome = read.getValue().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException stillBlocked) {
                    outcome = "blocked afterMs=" + (System.nanoTime() - dropped.get()) / 1_000_000;
                }
                System.out.println(read.getKey() + "=" + outcome);
            }
            for (SocketChannel channel : clients.values()) {
                channel.close();
            }
            for (SocketChannel channel : peers.values()) {
                channel.close();
            }
        }
        System.exit(0);
    }

    /** Reads the first byte, counts it, then blocks in a second read and reports how that read ends. */
    private static CompletableFuture<String> blockedRead(SocketChannel client, CountDownLatch firstBytes,
            AtomicLong dropped) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            try {
                if (client.read(buffer) != 1) {
                    throw new IllegalStateException("expected the first byte");
                }
                firstBytes.countDown();
                int read = client.read(buffer.clear());
                outcome.complete("returned " + read + " afterMs=" + (System.nanoTime() - dropped.get()) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                long after = (System.nanoTime() - dropped.get()) / 1_000_000;
                outcome.complete("failed afterMs=" + after + " error=" + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        });
        reader.setDaemon(true);
        reader.start();
        return outcome;
    }
}
