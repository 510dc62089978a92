package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** One view shared by several threads, and a socket closed while others use it. */
@EnabledOnOs(OS.LINUX)
class ConcurrencyIT {

    private static final int THREADS = 4;
    private static final int ROUNDS = 300;

    @Test
    void concurrentAppliesEachTakeEffectWhole() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int seconds = 10 + t;
                    tasks.add(pool.submit(() -> {
                        KeepAlive mine = KeepAlive.builder().idle(Duration.ofSeconds(seconds))
                                .interval(Duration.ofSeconds(seconds)).probes(seconds).build();
                        for (int i = 0; i < ROUNDS; i++) {
                            KeepAlive applied = keepAlive.apply(mine);
                            // apply holds the socket's lock, so what it reads back is all its own
                            assertThat(applied.idle()).isEqualTo(applied.interval());
                            assertThat(applied.idle().orElseThrow().toSeconds())
                                    .isEqualTo(applied.probes().getAsInt());
                            KeepAlive now = keepAlive.current();
                            assertThat(now.idle()).isEqualTo(now.interval());
                        }
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int idle = loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(idle);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(idle);
        }
    }

    @Test
    void closingASocketInUseGivesOnlyTheClosedChannelError() throws Exception {
        for (int round = 0; round < 20; round++) {
            Loopback loopback = Loopback.open("127.0.0.1");
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> user = pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        try {
                            keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(1 + i % 100)).build());
                        } catch (ClosedChannelException expected) {
                            return i;
                        }
                    }
                    return -1;
                });
                Thread.sleep(round % 5);
                loopback.close();
                int closedAt = user.get(60, TimeUnit.SECONDS);
                assertThat(closedAt).as("the loop ends with ClosedChannelException, nothing else").isNotNegative();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("unexpected failure from a socket closed concurrently", e.getCause());
            } finally {
                pool.shutdownNow();
                loopback.close();
            }
        }
    }

    @Test
    void viewsOfTheSameSocketShareItsLock() throws IOException {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive first = SocketKeepAlive.of(loopback.client);
            SocketKeepAlive second = SocketKeepAlive.of(loopback.client);
            first.setProbes(3);
            assertThat(second.current().probes()).hasValue(3);
        }
    }
}
