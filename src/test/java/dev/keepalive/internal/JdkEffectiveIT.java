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
 * {@code --add-opens}): what the JDK offers is read from the socket, the rest is unknown with the reason.
 */
@EnabledOnOs(OS.LINUX)
class JdkEffectiveIT {

    private static KeepAliveSession jdkSession(JdkOptions.Carrier carrier) {
        return new KeepAliveSession(SocketGuard.ofJdkOptions(carrier), JdkOptions.backend(carrier, Platform.backend()),
                Access.JDK_OPTIONS);
    }

    @Test
    void aClientSocketReportsWhatTheJdkReadsAndTheUserTimeoutAsUnknown() throws Exception {
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
            assertThat(effective.userTimeout().source()).isEqualTo(ValueSource.UNKNOWN);
            assertThat(effective.userTimeout().origin()).contains("--add-opens java.base/sun.nio.ch=");
            assertThat(effective.detectionTime()).as("Linux's detection time depends on the user timeout")
                    .isEmpty();
        }
    }

    @Test
    void aServerSocketReportsTheOptionsTheJdkDoesNotOfferAsUnknown() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            EffectiveKeepAlive effective = jdkSession(JdkOptions.Carrier.of(server)).effective();

            assertThat(effective.enabled().source()).isEqualTo(ValueSource.UNKNOWN);
            assertThat(effective.enabled().origin()).startsWith("SO_KEEPALIVE is not offered by the JDK");
            // what the JDK does offer on a server socket is still read
            assertThat(effective.idle().source()).isEqualTo(
                    server.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)
                            ? ValueSource.SOCKET : ValueSource.UNKNOWN);
            assertThat(effective.detectionTime()).isEmpty();
        }
    }
}
