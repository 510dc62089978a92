package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.JdkSockets;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;
import dev.keepalive.internal.SocketGuard;
import dev.keepalive.testing.Loopback;
import java.net.StandardSocketOptions;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** All or nothing on a real socket: a refusal part-way leaves the kernel holding the values from before. */
@EnabledOnOs(OS.LINUX)
class AtomicApplyIT {

    @Test
    void aRefusalPartWayRestoresWhatTheKernelHeldBefore() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            var channel = loopback.client;
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 100);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 20);
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 2);

            PosixConstants linux = LinuxConstants.create();
            SocketCalls real = new PosixCalls(linux.errors());
            SocketCalls refusingUserTimeout = new SocketCalls() {
                @Override
                public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
                    if (spec.name().equals("TCP_USER_TIMEOUT")) {
                        throw new SocketOptionException("setsockopt", spec.name(), 22, "EINVAL", "injected");
                    }
                    real.setInt(handle, spec, value);
                }

                @Override
                public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
                    return real.getInt(handle, spec);
                }
            };
            PosixBackend backend = new PosixBackend(linux, () -> refusingUserTimeout);
            SocketGuard guard = JdkSockets.guard(channel).orElseThrow();
            KeepAliveSession session = new KeepAliveSession(guard, backend.table(),
                    backend.open(guard.handle(), channel), "native handle");

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
}
