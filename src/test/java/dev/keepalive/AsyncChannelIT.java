package dev.keepalive;

import static dev.keepalive.testing.Settings.WANTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.Access;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.JdkView;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Asynchronous channels on a real loopback connection: applied through the library, read back through the
 * channel's own {@code getOption} ({@code ExtendedSocketOptions}) and a plain {@code getsockopt}.
 */
@EnabledOnOs(OS.LINUX)
class AsyncChannelIT {

    /** A connected pair of asynchronous channels and their listener. */
    private record Pair(AsynchronousServerSocketChannel server, AsynchronousSocketChannel client,
            AsynchronousSocketChannel accepted) implements AutoCloseable {

        static Pair open(String address) throws Exception {
            AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            AsynchronousSocketChannel client = AsynchronousSocketChannel.open();
            Future<AsynchronousSocketChannel> accepting = server.accept();
            client.connect(server.getLocalAddress()).get(5, TimeUnit.SECONDS);
            return new Pair(server, client, accepting.get(5, TimeUnit.SECONDS));
        }

        @Override
        public void close() throws Exception {
            try (server; client; accepted) {
                // closes all three
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void applyOnAnAsynchronousChannelIsReadBackByTheJdk(String address) throws Exception {
        try (Pair pair = Pair.open(address)) {
            KeepAlive initial = JdkView.of(pair.client());
            assertThat(initial.enabled()).isFalse();
            assertThat(initial).isNotEqualTo(WANTED);

            SocketKeepAlive keepAlive = SocketKeepAlive.of(pair.client());
            assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
            assertThat(keepAlive.current()).isEqualTo(initial);
            assertThat(keepAlive.apply(WANTED)).isEqualTo(WANTED);
            assertThat(JdkView.of(pair.client())).isEqualTo(WANTED);
            assertThat(JdkView.of(pair.accepted()).enabled()).as("the other end is untouched").isFalse();
        }
    }

    @Test
    void singleSettersReachTheSocket() throws Exception {
        try (Pair pair = Pair.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(pair.accepted());
            keepAlive.setEnabled(true);
            keepAlive.setIdle(Duration.ofSeconds(44));
            keepAlive.setInterval(Duration.ofSeconds(9));
            keepAlive.setProbes(5);
            keepAlive.setUserTimeout(Duration.ofMillis(7_500));
            assertThat(JdkView.of(pair.accepted())).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(44))
                    .interval(Duration.ofSeconds(9)).probes(5).userTimeout(Duration.ofMillis(7_500)).build());
            assertThat(keepAlive.isEnabled()).isTrue();
        }
    }

    @Test
    void anAsynchronousListenersSettingsReachTheSocketsItAccepts() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            assertThat(listener.apply(WANTED)).isEqualTo(WANTED);
            int fd = Descriptors.of(server);
            assertThat(Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPIDLE())).isEqualTo(31);
            assertThat(Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_KEEPCNT())).isEqualTo(4);

            try (AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
                Future<AsynchronousSocketChannel> accepting = server.accept();
                client.connect(server.getLocalAddress()).get(5, TimeUnit.SECONDS);
                try (AsynchronousSocketChannel accepted = accepting.get(5, TimeUnit.SECONDS)) {
                    assertThat(JdkView.of(accepted)).as("inherited on Linux").isEqualTo(WANTED);
                    KeepAlive other = WANTED.toBuilder().idle(Duration.ofSeconds(61)).probes(8).build();
                    listener.apply(other);
                    assertThat(AcceptedSockets.copy(listener, SocketKeepAlive.of(accepted))).isEqualTo(other);
                    assertThat(JdkView.of(accepted)).isEqualTo(other);
                }
            }
        }
    }

    @Test
    void aClosedChannelFailsAsTheJdkDoes() throws Exception {
        Pair pair = Pair.open("127.0.0.1");
        SocketKeepAlive before = SocketKeepAlive.of(pair.client());
        SocketKeepAlive server = SocketKeepAlive.of(pair.server());
        pair.close();
        assertThatThrownBy(() -> pair.client().getOption(StandardSocketOptions.SO_KEEPALIVE))
                .isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> before.setIdle(Duration.ofSeconds(5))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(before::current).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> before.apply(WANTED)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> server.setEnabled(true)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> SocketKeepAlive.of(pair.accepted()).isEnabled())
                .isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> SocketKeepAlive.of((AsynchronousSocketChannel) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThatThrownBy(() -> SocketKeepAlive.of((AsynchronousServerSocketChannel) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("channel");
    }

    @Test
    void aCloseDuringCallsEndsThemWithTheClosedChannelErrorOnly() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Pair pair = Pair.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(pair.client());
            CountDownLatch started = new CountDownLatch(1);
            Future<Integer> calls = executor.submit(() -> {
                for (int i = 0; i < 2_000_000; i++) {
                    try {
                        keepAlive.setIdle(Duration.ofSeconds(1 + i % 100));
                    } catch (ClosedChannelException closed) {
                        return i;
                    }
                    started.countDown();
                }
                return -1;
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            pair.client().close();
            assertThat(calls.get(30, TimeUnit.SECONDS)).as("calls made before the close").isPositive();
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
