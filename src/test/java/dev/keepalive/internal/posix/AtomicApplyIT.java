package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * All or nothing on a real socket: a refusal part-way, injected or the kernel's own, leaves the kernel holding
 * the values from before; a close racing an apply waits for it; a descriptor closed part-way gives a clean error.
 */
@EnabledOnOs(OS.LINUX)
class AtomicApplyIT {

    @Test
    void aRefusalPartWayRestoresWhatTheKernelHeldBefore() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            var channel = loopback.client;
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 100);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 20);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 2);

            CountingCalls refusingUserTimeout = new CountingCalls(spec -> spec.name().equals("TCP_USER_TIMEOUT"));
            KeepAliveSession session = refusingUserTimeout.session(channel);

            assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30))
                    .interval(Duration.ofSeconds(5)).probes(9).userTimeout(Duration.ofSeconds(3)).build()))
                    .isInstanceOfSatisfying(SocketOptionException.class,
                            e -> assertThat(e.option()).isEqualTo("TCP_USER_TIMEOUT"));

            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(100);
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(20);
            assertThat(channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(2);
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
        }
    }

    @Test
    void aValueTheKernelItselfRefusesPartWayIsUndoneToo() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            KernelSettings before = new KernelSettings(0, 100, 20, 2, 5000);
            KernelSettings.set(fd, before);
            // limits laxer than the kernel's let a probe count of 500 through to setsockopt, which refuses it
            OptionSpec count = LinuxOptions.TCP_KEEPCNT;
            OptionTable lax = new OptionTable(Os.LINUX, List.of(LinuxOptions.SO_KEEPALIVE, LinuxOptions.TCP_KEEPIDLE,
                    LinuxOptions.TCP_KEEPINTVL, LinuxOptions.TCP_USER_TIMEOUT, new OptionSpec(count.setting(),
                            count.name(), count.level(), count.option(), count.unit(), count.min(), 1000,
                            count.readable())), Map.of());
            KeepAliveSession session = new CountingCalls(lax, spec -> false).session(loopback.client);

            assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30))
                    .interval(Duration.ofSeconds(5)).probes(500).build()))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> assertThat(e)
                            .hasMessage("setsockopt(TCP_KEEPCNT) failed: EINVAL (22): Invalid argument"));
            assertThat(KernelSettings.of(fd)).isEqualTo(before);
        }
    }

    @Test
    void aCloseRacingAnApplyWaitsUntilTheApplyIsWhole() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketChannel channel = loopback.client;
            Thread closer = new Thread(() -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            boolean[] closerWasHeld = new boolean[1];
            KeepAliveSession session = new CountingCalls(spec -> {
                if (spec.name().equals("TCP_KEEPINTVL")) {
                    closer.start();
                    closerWasHeld[0] = blocksWithin(closer, Duration.ofSeconds(10));
                }
                return false;
            }).session(channel);

            KeepAlive wanted = KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5))
                    .probes(4).userTimeout(Duration.ofSeconds(3)).build();
            assertThat(session.apply(wanted)).as("read back under the lock, before the close").isEqualTo(wanted);
            closer.join(10_000);
            assertThat(closerWasHeld[0]).as("the close waited for the apply").isTrue();
            assertThat(closer.isAlive()).isFalse();
            assertThatThrownBy(session::current).isExactlyInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void aDescriptorClosedPartWayGivesACleanError() throws Exception {
        int fd = Descriptors.socket(posix_h.AF_INET(), posix_h.SOCK_STREAM());
        boolean[] closed = new boolean[1];
        KeepAliveSession session = new CountingCalls(spec -> {
            if (spec.name().equals("TCP_KEEPINTVL") && !closed[0]) {
                Descriptors.close(fd);
                closed[0] = true;
            }
            return false;
        }).session(fd);
        try {
            assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30))
                    .interval(Duration.ofSeconds(5)).probes(4).build()))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                        assertThat(e).hasMessage("setsockopt(TCP_KEEPINTVL) failed: EBADF (9): Bad file descriptor");
                        // what it had set (SO_KEEPALIVE first, then the idle time) could not be restored on a
                        // closed descriptor: said, not hidden, last first
                        assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                                "setsockopt(TCP_KEEPIDLE) failed: EBADF (9): Bad file descriptor",
                                "setsockopt(SO_KEEPALIVE) failed: EBADF (9): Bad file descriptor");
                    });
        } finally {
            if (!closed[0]) {
                Descriptors.close(fd);
            }
        }
    }

    /** Whether the thread comes to be BLOCKED on a monitor in time; one not yet scheduled does not count. */
    private static boolean blocksWithin(Thread thread, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        while (thread.getState() != Thread.State.BLOCKED && thread.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return thread.getState() == Thread.State.BLOCKED;
    }
}
