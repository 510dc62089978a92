package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.PrivateNetwork;
import dev.keepalive.testing.SilentPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code watch} against a peer that vanishes without a word: in a private network the test makes, a
 * {@link SilentPeer} accepts the connection and then drops every segment, and {@code watch} must declare it
 * dead within a second of the silence its settings predict, and exit with 3. The silence is the kernel's
 * (since the last segment received, answers to probes included), so the prediction holds also when the peer
 * is cut after it has answered several probes.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WatchSilentPeerIT {

    private static final Pattern DEAD = Pattern.compile("the peer was declared dead after (\\d+\\.\\d+)s of silence"
            + " \\(predicted (\\w+), off by ([+-])(\\d+\\.\\d+)s\\): Connection timed out");

    @BeforeEach
    void needsAPrivateNetworkWithAFirewall() {
        PrivateNetwork.requireFirewall();
    }

    @Test
    void probesDeclareTheSilentPeerDeadWhenPredicted() throws Exception {
        // 1 s idle, then 2 unanswered probes 1 s apart
        assertDeclaredDead("3s", "--idle=1s", "--interval=1s", "--probes=2");
    }

    @Test
    void aUserTimeoutDeclaresItDeadAtTheFirstProbeAfterIt() throws Exception {
        // 5 probes would take 6 s; the 1.5 s user timeout ends it at the probe due at 2 s
        assertDeclaredDead("2s", "--idle=1s", "--interval=1s", "--probes=5", "--user-timeout=1500ms");
    }

    @Test
    void probesAnsweredBeforeTheCutDoNotCountAsSilence() throws Exception {
        // cut 6.5 s after connecting: probes at 1 s, 2 s, ... 6 s were answered, so keep-alive counts its
        // silence from about 6 s; the last byte read was at 0 s, over 9 s before the connection is dropped
        String output = assertDeclaredDead(6_500, "3s", "--idle=1s", "--interval=1s", "--probes=2");
        Matcher dead = Pattern.compile("\\[\\+(\\d+)ms] the peer was declared dead after (\\d+\\.\\d+)s")
                .matcher(output);
        assertThat(dead.find()).as(output).isTrue();
        double sinceCut = Integer.parseInt(dead.group(1)) / 1000.0;
        double silence = Double.parseDouble(dead.group(2));
        // the last answer came at most one interval before the cut, and not after it
        assertThat(silence).as("silence against the time since the cut, %.3f s", sinceCut)
                .isBetween(sinceCut - 0.5, sinceCut + 1.5);
    }

    private static String assertDeclaredDead(String predicted, String... settings) throws Exception {
        return assertDeclaredDead(500, predicted, settings);
    }

    private static String assertDeclaredDead(long dropAfterMillis, String predicted, String... settings)
            throws Exception {
        List<String> watch = new ArrayList<>(List.of("watch", "127.0.0.1:" + SilentPeer.PORT, "--for=30s"));
        watch.addAll(List.of(settings));
        List<String> peer = new ArrayList<>(List.of("--drop-after-ms", Long.toString(dropAfterMillis)));
        peer.addAll(SilentPeer.arguments(Jvm.java(Main.class.getName(), watch)));
        Jvm.Result result = PrivateNetwork.runJava(SilentPeer.class.getName(), peer, Duration.ofSeconds(75));
        String output = result.output();
        System.out.println("[WatchSilentPeerIT] cut after " + dropAfterMillis + " ms, " + String.join(" ", settings)
                + ":\n" + output.strip());

        assertThat(output).contains("a silent peer will be declared dead after about " + predicted + " of silence",
                "silence is counted from the last segment the kernel received from the peer (TCP_INFO)");
        Matcher dead = DEAD.matcher(output);
        assertThat(dead.find()).as(output).isTrue();
        assertThat(dead.group(2)).isEqualTo(predicted);
        // measured over 18 runs on a loaded 2-core machine: +0.05 s to +0.09 s
        assertThat(Double.parseDouble(dead.group(4))).as("seconds off the prediction").isLessThan(0.5);
        assertThat(result.exitCode()).as(output).isEqualTo(ExitCode.PEER_DEAD.status());
        assertThat(output).endsWith("exit=3\n");
        return output;
    }
}
