package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code watch} against a live loopback peer: how each way a connection ends maps to an exit code. */
class WatchIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws Exception {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    private CompletableFuture<Integer> watch(String... options) {
        InetSocketAddress address = (InetSocketAddress) server.socket().getLocalSocketAddress();
        String[] args = new String[options.length + 2];
        args[0] = "watch";
        args[1] = address.getAddress().getHostAddress() + ":" + address.getPort();
        System.arraycopy(options, 0, args, 2, options.length);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> Main.run(args, print, System.err));
    }

    /** Waits, at most 20 s, until watch has connected and says it is watching. */
    private void awaitWatching() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!output().contains("watching ") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(output()).contains("watching ");
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOrderlyCloseExitsWithFourAndCountsWhatArrived() throws Exception {
        CompletableFuture<Integer> status = watch("--idle=1s", "--interval=1s", "--probes=2", "--for=20s");
        try (SocketChannel peer = server.accept()) {
            peer.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(output()).contains("with keep-alive on, idle 1s, interval 1s, probes 2",
                "a silent peer will be declared dead after about 3s of silence",
                "the peer closed the connection (5 bytes received)");
    }

    @Test
    void aResetExitsWithFive() throws Exception {
        CompletableFuture<Integer> status = watch("--for=20s");
        try (SocketChannel peer = server.accept()) {
            awaitWatching(); // a reset before the connect completes would be a failed connect instead
            peer.setOption(StandardSocketOptions.SO_LINGER, 0); // closing now sends RST
        }
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(output()).contains("the peer reset the connection");
    }

    @Test
    void aLivePeerOutlastsTheWatchAndExitsWithZero() throws Exception {
        CompletableFuture<Integer> status = watch("--for=300ms");
        try (SocketChannel peer = server.accept()) {
            assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(output()).contains("the peer is still alive after 300ms (0 bytes received)");
    }

    @Test
    void keepAliveOffPredictsNothing() throws Exception {
        CompletableFuture<Integer> status = watch("--keepalive=off", "--for=200ms");
        try (SocketChannel peer = server.accept()) {
            assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(output()).contains("with keep-alive off", "keep-alive is off: a silent peer is not detected");
    }

    @Test
    void aSettingOutsideTheOsLimitsIsRefusedBeforeConnecting() throws Exception {
        server.configureBlocking(false);
        assertThat(watch("--idle=40000s", "--for=5s").get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(output()).isEmpty();
        assertThat(server.accept()).as("a connection the watch made").isNull();
        server.close(); // nothing listens: still a bad argument, not a failure to connect
        assertThat(watch("--probes=200").get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(output()).isEmpty();
    }

    @Test
    void aRefusedConnectionExitsWithSix() throws Exception {
        server.close(); // nothing listens on the port any more
        assertThat(watch("--for=5s").get(20, TimeUnit.SECONDS)).isEqualTo(6);
        assertThat(output()).contains("could not connect to", "Connection refused");
    }
}
