package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.ValueSource;
import dev.keepalive.testing.Loopback;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The report where a JDK socket is reached only through the JDK's own options (a JVM without
 * {@code --add-opens}): what the JDK offers is read from the socket; Linux's user timeout, which no JDK option
 * sets, is every new socket's (none), so the detection time is known; a listening socket's keep-alive switch,
 * which the JDK does not offer, is remembered for the sockets it accepts.
 */
@EnabledOnOs(OS.LINUX)
class JdkEffectiveIT {

    private static KeepAliveSession jdkSession(JdkOptions.Carrier carrier) {
        return new KeepAliveSession(SocketGuard.ofJdkOptions(carrier),
                JdkOptions.backend(carrier, Platform.backend(), ""),
                Access.JDK_OPTIONS);
    }

    @Test
    void aClientSocketReportsWhatTheJdkReadsAndTheUserTimeoutEveryNewSocketHas() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            KeepAliveSession session = jdkSession(JdkOptions.Carrier.of(loopback.client));
            session.apply(KeepAlive.builder().idle(Duration.ofSeconds(31)).interval(Duration.ofSeconds(7)).probes(4)
                    .build());
            EffectiveKeepAlive effective = session.effective();

            assertThat(effective.idle().value()).contains(
                    Duration.ofSeconds(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE))).isPresent();
            assertThat(effective.idle().source()).isEqualTo(ValueSource.SOCKET);
            assertThat(effective.idle().origin()).isEqualTo("the JDK's socket option TCP_KEEPIDLE");
            assertThat(effective.probes().value()).contains(4);
            assertThat(effective.enabled().value()).contains(true);
            assertThat(effective.userTimeout().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
            assertThat(effective.userTimeout().value()).contains(Duration.ZERO);
            assertThat(effective.userTimeout().origin()).startsWith("none, as on every new socket on Linux: no JDK"
                    + " socket option sets it; to read or set it on the socket's descriptor, start the JVM with")
                    .contains("--add-opens java.base/sun.nio.ch=");
            // 31 s + 4 x 7 s, where Linux's detection time depends on the user timeout too
            assertThat(effective.detectionTime()).contains(Duration.ofSeconds(59));
        }
    }

    @Test
    void aServerSocketRemembersTheSwitchTheJdkDoesNotOfferAndReadsWhatItOffers() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            KeepAliveSession session = jdkSession(JdkOptions.Carrier.of(server));
            EffectiveKeepAlive fresh = session.effective();
            assertThat(fresh.enabled().value()).contains(false);
            assertThat(fresh.enabled().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
            assertThat(fresh.enabled().origin()).contains("the JDK offers no SO_KEEPALIVE for a listening socket");

            KeepAlive applied = session.apply(KeepAlive.builder().idle(Duration.ofSeconds(23))
                    .interval(Duration.ofSeconds(6)).probes(5).build());
            assertThat(applied).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(23))
                    .interval(Duration.ofSeconds(6)).probes(5).build());
            // the JDK's own reading of what it offers on a listening socket
            assertThat(server.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(23);
            assertThat(server.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(5);
            EffectiveKeepAlive effective = session.effective();
            assertThat(effective.enabled().value()).contains(true);
            assertThat(effective.enabled().source()).isEqualTo(ValueSource.REMEMBERED);
            assertThat(effective.idle().source()).isEqualTo(ValueSource.SOCKET);
            assertThat(effective.detectionTime()).contains(Duration.ofSeconds(53));
            // another view of the same listener sees the same switch
            assertThat(jdkSession(JdkOptions.Carrier.of(server)).get(Setting.ENABLED)).isEqualTo(1);
        }
    }
}
