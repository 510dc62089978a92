package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.Access;
import dev.keepalive.testing.Loopback;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real native path on every supported OS: the same checks run here on Linux and, unchanged, on macOS
 * and Windows runners, where they exercise the Winsock and macOS calls that cannot run on this machine.
 * Values are compared with the JDK's own options wherever the JDK offers them on that OS.
 */
@EnabledOnOs({OS.LINUX, OS.MAC, OS.WINDOWS})
class CrossPlatformIT {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void whatIsAppliedIsWhatTheOsHolds(String address) throws Exception {
        Capabilities capabilities = SocketKeepAlive.capabilities();
        KeepAlive.Builder wanted = KeepAlive.builder().idle(Duration.ofSeconds(31)).interval(Duration.ofSeconds(7));
        if (capabilities.option("probes").isPresent()) {
            wanted.probes(4);
        }
        try (Loopback loopback = Loopback.open(address)) {
            SocketChannel channel = loopback.client;
            SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
            assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
            assertThat(keepAlive.isEnabled()).isFalse();

            KeepAlive applied = keepAlive.apply(wanted.build());

            assertThat(applied.enabled()).isTrue();
            assertThat(applied.idle()).contains(Duration.ofSeconds(31));
            assertThat(applied.interval()).contains(Duration.ofSeconds(7));
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPIDLE, 31);
            assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, 7);
            if (capabilities.option("probes").isPresent()) {
                assertThat(applied.probes()).hasValue(4);
                assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, 4);
            }
            keepAlive.setEnabled(false);
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
            assertThat(keepAlive.isEnabled()).isFalse();
        }
    }

    @Test
    void aClosedChannelFailsLikeTheJdk() throws Exception {
        Loopback loopback = Loopback.open("127.0.0.1");
        SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
        loopback.close();
        assertThatThrownBy(() -> keepAlive.setEnabled(true)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(keepAlive::current).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> SocketKeepAlive.of(loopback.client).apply(KeepAlive.builder().build()))
                .isInstanceOf(ClosedChannelException.class);
    }

    private static void assertJdkReads(SocketChannel channel, SocketOption<Integer> option, int expected)
            throws Exception {
        if (channel.supportedOptions().contains(option)) {
            assertThat(channel.getOption(option)).as(option.name()).isEqualTo(expected);
        }
    }
}
