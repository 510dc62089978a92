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
 * settings, each blocked in a read, then makes the peer vanish with a firewall DROP rule. For each connection it
 * prints {@code name.settings=...}, {@code name.predictedMs=...} (the library's
 * {@link EffectiveKeepAlive#detectionTime()}, or {@code none}) and one {@code name=...} line: how long after the
 * drop and after the peer was last heard the read failed, and with what message, or that it was still blocked
 * when the watch ended.
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
        // the kernel as the oracle for the prediction: probe count alone, user timeout before and after it
        CONNECTIONS.put("twoProbes", KeepAlive.builder().idle(Duration.ofSeconds(2)).interval(Duration.ofSeconds(1))
                .probes(2).userTimeout(Duration.ZERO).build());
        CONNECTIONS.put("userTimeoutSooner", KeepAlive.builder().idle(Duration.ofSeconds(2))
                .interval(Duration.ofSeconds(1)).probes(5).userTimeout(Duration.ofMillis(2500)).build());
        CONNECTIONS.put("userTimeoutLater", KeepAlive.builder().idle(Duration.ofSeconds(1))
                .interval(Duration.ofSeconds(1)).probes(1).userTimeout(Duration.ofMillis(3500)).build());
    }

    /** Where a reader keeps the time the peer's last byte arrived, until it has arrived. */
    private static final long NOT_HEARD = Long.MIN_VALUE;

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
                SocketKeepAlive keepAlive = SocketKeepAlive.of(clients.get(name));
                System.out.println(name + ".settings=" + keepAlive.current()
                        + " jdkKeepAlive=" + clients.get(name).getOption(StandardSocketOptions.SO_KEEPALIVE));
                System.out.println(name + ".predictedMs=" + keepAlive.effective().detectionTime()
                        .map(time -> Long.toString(time.toMillis())).orElse("none"));
            }
            // one byte from each peer marks the last moment it was heard; the drop follows at once
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

    /**
     * Reads the first byte, counts it, then blocks in a second read and reports how that read ends: ms after
     * the drop, and ms after the first read returned. That byte is the last segment the client receives from the
     * peer, and the kernel's keep-alive clock counts from the last segment received; the first read returns a
     * moment after it arrived, so the second figure starts that moment (this thread's wake-up) late.
     */
    private static CompletableFuture<String> blockedRead(SocketChannel client, CountDownLatch firstBytes,
            AtomicLong dropped) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            long heard = NOT_HEARD;
            try {
                if (client.read(buffer) != 1) {
                    throw new IllegalStateException("expected the first byte");
                }
                heard = System.nanoTime();
                firstBytes.countDown();
                int read = client.read(buffer.clear());
                outcome.complete("returned " + read + times(dropped.get(), heard));
            } catch (IOException | RuntimeException e) {
                outcome.complete("failed" + times(dropped.get(), heard) + " error=" + e.getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        });
        reader.setDaemon(true);
        reader.start();
        return outcome;
    }

    /** {@code " afterMs=<ms since the drop> heardMs=<ms since the peer was last heard, or none>"}, as of now. */
    private static String times(long dropped, long heard) {
        long now = System.nanoTime();
        return " afterMs=" + (now - dropped) / 1_000_000 + " heardMs="
                + (heard == NOT_HEARD ? "none" : Long.toString((now - heard) / 1_000_000));
    }
}
