package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.testing.DeadPeerProbe;
import dev.keepalive.testing.Jvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The kernel as the oracle for {@link EffectiveKeepAlive#detectionTime()}: in a network namespace the test
 * creates, a peer is silenced with iptables and the time until the blocked read fails is compared with the
 * prediction, with and without a user timeout, and with one that ends the connection later than the probe
 * count would.
 */
@EnabledOnOs(OS.LINUX)
class DeadPeerDetectionIT {

    private static final Pattern LINE = Pattern.compile(
            "(\\w+) predicted=(\\d+) measured=(\\d+) error=Connection timed out accepted=true");
    /** The keep-alive timer's own slack and the scheduling of a busy machine. */
    private static final long LATE_MILLIS = 1500;

    @Test
    void aSilentPeerIsDroppedWhenTheReportSays() throws Exception {
        assumeTrue(available("unshare -rn true") && available("unshare -rn iptables -w -L"),
                "unprivileged network namespaces with iptables are not available here");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "ip link set lo up && exec \"$0\" --enable-native-access=ALL-UNNAMED"
                + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED"
                + " -cp \"$1\" " + DeadPeerProbe.class.getName();
        Process process = new ProcessBuilder("unshare", "-rn", "sh", "-c", script, java, Jvm.classPath())
                .redirectErrorStream(true).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the child JVM finishes within 60 s").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        java.util.Map<String, long[]> results = new java.util.HashMap<>();
        output.lines().map(LINE::matcher).filter(Matcher::matches).forEach(m -> results.put(m.group(1),
                new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))}));
        assertThat(results).as(output).containsOnlyKeys("probes", "userTimeoutSooner", "userTimeoutLater");
        // the predictions themselves: 2 s + 2 × 1 s; the first probe at or after 2.5 s; at or after 3.5 s
        assertThat(results.get("probes")[0]).isEqualTo(4000);
        assertThat(results.get("userTimeoutSooner")[0]).isEqualTo(3000);
        assertThat(results.get("userTimeoutLater")[0]).isEqualTo(4000);
        results.forEach((name, times) -> assertThat(times[1]).as(name + " measured vs predicted, ms")
                .isBetween(times[0] - 100, times[0] + LATE_MILLIS));
    }

    private static boolean available(String command) {
        try {
            Process process = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
