package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run as root of a network namespace of its own (with loopback up): for each case, connects over 127.0.0.1,
 * applies the keep-alive settings, makes the peer silent with an iptables rule that drops everything it
 * sends, and times how long a blocked read takes to fail. Prints one line per case:
 * {@code <name> predicted=<ms> measured=<ms> error=<message>}. Cases run in parallel, each bounded to 30 s.
 */
public final class DeadPeerProbe {

    private DeadPeerProbe() {
    }

    private record Case(String name, KeepAlive settings) {
    }

    public static void main(String[] args) throws Exception {
        List<Case> cases = List.of(
                new Case("probes", KeepAlive.builder().idle(Duration.ofSeconds(2)).interval(Duration.ofSeconds(1))
                        .probes(2).userTimeout(Duration.ZERO).build()),
                new Case("userTimeoutSooner", KeepAlive.builder().idle(Duration.ofSeconds(2))
                        .interval(Duration.ofSeconds(1)).probes(5).userTimeout(Duration.ofMillis(2500)).build()),
                new Case("userTimeoutLater", KeepAlive.builder().idle(Duration.ofSeconds(1))
                        .interval(Duration.ofSeconds(1)).probes(1).userTimeout(Duration.ofMillis(3500)).build()));
        List<Thread> threads = new ArrayList<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Case c : cases) {
            Thread thread = Thread.ofPlatform().start(() -> lines.add(run(c)));
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        lines.forEach(System.out::println);
        System.exit(lines.size() == cases.size() ? 0 : 1);
    }

    private static String run(Case c) {
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0));
             java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
             java.nio.channels.SocketChannel accepted = server.accept()) {
            // the idle time counts from the last segment received: the handshake, just now
            long start = System.nanoTime();
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            keepAlive.apply(c.settings());
            Duration predicted = keepAlive.effective().detectionTime().orElseThrow();
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            drop(port);
            String error;
            try {
                int read = client.read(ByteBuffer.allocate(1));
                error = "read returned " + read;
            } catch (IOException e) {
                error = e.getMessage();
            }
            long measured = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return c.name() + " predicted=" + predicted.toMillis() + " measured=" + measured + " error=" + error
                    + " accepted=" + accepted.isOpen();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return c.name() + " failed: " + e;
        }
    }

    /** Drops every TCP segment the peer sends from its port, so the client hears nothing more. */
    private static void drop(int port) throws IOException, InterruptedException {
        Process iptables = new ProcessBuilder("iptables", "-w", "-A", "INPUT", "-p", "tcp", "--sport",
                String.valueOf(port), "-j", "DROP").redirectErrorStream(true).start();
        if (!iptables.waitFor(10, TimeUnit.SECONDS) || iptables.exitValue() != 0) {
            throw new IOException("iptables failed: " + new String(iptables.getInputStream().readAllBytes()));
        }
    }
}
