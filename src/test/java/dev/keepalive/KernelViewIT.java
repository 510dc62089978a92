package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The kernel's own view of the connection ({@code ss -tnoi}): the keep-alive timer runs with the idle time set,
 * and probes leave an idle connection at the pace set, while a connection without keep-alive stays silent.
 */
@EnabledOnOs(OS.LINUX)
class KernelViewIT {

    private static final Pattern SEGMENTS = Pattern.compile("segs_out:(\\d+) segs_in:(\\d+)");
    private static final int PROBE_WATCH_SECONDS = 4;

    private static final Pattern KEEPALIVE_TIMER =
            Pattern.compile("timer:\\(keepalive,(?:(\\d+)min)?(?:(\\d+)sec)?(?:(\\d+)ms)?,\\d+\\)");

    @Test
    void theKernelArmsTheKeepAliveTimerWithTheIdleTimeAndDisarmsItWhenOff() throws Exception {
        assumeSs();
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int port = ((InetSocketAddress) loopback.client.getLocalAddress()).getPort();
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            assertThat(ss(port)).doesNotContain("keepalive");

            keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(77)).build());
            Matcher timer = KEEPALIVE_TIMER.matcher(ss(port));
            assertThat(timer.find()).as("keep-alive timer in ss output").isTrue();
            long millis = group(timer, 1) * 60_000 + group(timer, 2) * 1000 + group(timer, 3);
            assertThat(millis).as("time left on the timer").isBetween(67_000L, 77_000L);

            keepAlive.setEnabled(false);
            assertThat(ss(port)).doesNotContain("keepalive");
        }
    }

    @Test
    void anIdleConnectionSendsAboutOneProbePerSecondAndNoneWithoutKeepAlive() throws Exception {
        assumeSs();
        try (Loopback probed = Loopback.open("127.0.0.1"); Loopback silent = Loopback.open("127.0.0.1")) {
            int probedPort = ((InetSocketAddress) probed.client.getLocalAddress()).getPort();
            int silentPort = ((InetSocketAddress) silent.client.getLocalAddress()).getPort();
            SocketKeepAlive.of(probed.client).apply(KeepAlive.builder().idle(Duration.ofSeconds(1))
                    .interval(Duration.ofSeconds(1)).probes(5).build());
            assertThat(SocketKeepAlive.of(silent.client).isEnabled()).isFalse();
            long[] probedBefore = segments(probedPort);
            long[] silentBefore = segments(silentPort);
            long start = System.nanoTime();
            Thread.sleep(PROBE_WATCH_SECONDS * 1000L + 200);
            long[] probedAfter = segments(probedPort);
            long[] silentAfter = segments(silentPort);
            double seconds = (System.nanoTime() - start) / 1e9;
            long probes = probedAfter[0] - probedBefore[0];
            long answers = probedAfter[1] - probedBefore[1];
            System.out.printf("[KernelViewIT] idle 1 s, interval 1 s: %d probes out, %d answers in, in %.1f s;"
                    + " without keep-alive: %d out, %d in%n", probes, answers, seconds,
                    silentAfter[0] - silentBefore[0], silentAfter[1] - silentBefore[1]);
            // one probe per second of idleness, give or take one at each end of the window
            assertThat(probes).as("segments sent by the idle connection with keep-alive")
                    .isBetween(PROBE_WATCH_SECONDS - 1L, PROBE_WATCH_SECONDS + 1L);
            assertThat(answers).as("acknowledgements of those probes").isBetween(probes - 1, probes);
            assertThat(silentAfter[0] - silentBefore[0]).as("segments sent without keep-alive").isZero();
            assertThat(silentAfter[1] - silentBefore[1]).as("segments received without keep-alive").isZero();
        }
    }

    private static void assumeSs() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "ss (iproute2) is not installed");
    }

    /** The connection's segments out and in, as the kernel counts them. */
    private static long[] segments(int port) throws IOException, InterruptedException {
        String view = ss(port);
        Matcher counts = SEGMENTS.matcher(view);
        assertThat(counts.find()).as("segs_out/segs_in in: " + view).isTrue();
        return new long[] {Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2))};
    }

    private static long group(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }

    private static String ss(int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ss", "-tnoi", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ss did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
