package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code watch} names the way a connection ended, from the read's error, with or without a prediction. */
class WatchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ExitCode ended(IOException error, Optional<Duration> predicted) {
        return Watch.ended(error, Duration.ofMillis(4050), predicted,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aTimeoutIsADeadPeerSetBesideThePrediction() {
        assertThat(ended(new SocketException("Connection timed out"), Optional.of(Duration.ofSeconds(4))))
                .isEqualTo(ExitCode.PEER_DEAD);
        assertThat(output()).isEqualTo("the peer was declared dead after 4.05s of silence (predicted 4s, off by"
                + " +0.05s): Connection timed out");
    }

    @Test
    void withoutAPredictionTheSilenceIsReportedAlone() {
        assertThat(ended(new SocketException("Connection timed out"), Optional.empty()))
                .isEqualTo(ExitCode.PEER_DEAD);
        assertThat(output()).isEqualTo("the peer was declared dead after 4.05s of silence: Connection timed out");
    }

    @Test
    void windowsKeepAliveFailureIsADeadPeerTooAndAResetIsAReset() {
        // WSAENETRESET's text on Windows names keep-alive
        assertThat(ended(new SocketException("The connection has been broken due to keep-alive activity"),
                Optional.of(Duration.ofSeconds(5)))).isEqualTo(ExitCode.PEER_DEAD);
        assertThat(output()).contains("predicted 5s, off by -0.95s");
        assertThat(ended(new SocketException("Connection reset"), Optional.empty())).isEqualTo(ExitCode.PEER_RESET);
        assertThat(ended(new IOException("Broken pipe"), Optional.empty())).isEqualTo(ExitCode.FAILURE);
        assertThat(output()).endsWith("reading failed after 4.05s of silence: java.io.IOException: Broken pipe");
    }
}
