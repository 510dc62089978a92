package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Loopback;
import dev.keepalive.testing.Preconditions;
import dev.keepalive.testing.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Where {@code ss} is, or empty. */
    private static final Optional<String> SS = Tools.find("ss");
    private static final Pattern SEGMENTS = Pattern.compile("segs_out:(\\d+) segs_in:(\\d+)");
    /** Probes are watched until 4.5 s after the connect: four are due, at 1, 2, 3 and 4 s. */
    private static final long WATCH_MILLIS = 4_500;
    private static final int PROBES_DUE = 4;
    /** How far from its due time a probe may leave: the kernel's timer slack and the clock's start. */
    private static final long PROBE_EARLY_MILLIS = 100;
    private static final long PROBE_LATE_MILLIS = 250;
    private static final long SAMPLE_MILLIS = 20;
    private static final int MAX_SAMPLES = 1_000;

    private static final Pattern KEEPALIVE_TIMER =
            Pattern.compile("timer:\\(keepalive,(?:(\\d+)min)?(?:(\\d+)sec)?(?:(\\d+)ms)?,\\d+\\)");

    @Test
    void theKernelArmsTheKeepAliveTimerWithTheIdleTimeAndDisarmsItWhenOff() throws Exception {
        requireSs();
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
    void anIdleConnectionSendsOneProbeEachSecondOfSilenceAndNoneWithoutKeepAlive() throws Exception {
        requireSs();
        try (Loopback probed = Loopback.open("127.0.0.1")) {
            // the client last heard the peer at its connect (the SYN-ACK): the keep-alive clock starts there
            long heard = System.nanoTime();
            try (Loopback silent = Loopback.open("127.0.0.1")) {
                int probedPort = ((InetSocketAddress) probed.client.getLocalAddress()).getPort();
                int silentPort = ((InetSocketAddress) silent.client.getLocalAddress()).getPort();
                SocketKeepAlive.of(probed.client).apply(KeepAlive.builder().idle(Duration.ofSeconds(1))
                        .interval(Duration.ofSeconds(1)).probes(5).build());
                assertThat(SocketKeepAlive.of(silent.client).isEnabled()).isFalse();
                long[] probedBefore = segments(probedPort);
                long[] silentBefore = segments(silentPort);
                List<long[]> probeTimes = probeTimes(probedPort, probedBefore[0], heard);
                long[] probedAfter = segments(probedPort);
                long[] silentAfter = segments(silentPort);
                long answers = probedAfter[1] - probedBefore[1];
                System.out.printf("[KernelViewIT] idle 1 s, interval 1 s: probes out at %s ms after the peer was"
                        + " last heard, %d answers in; without keep-alive: %d out, %d in%n",
                        probeTimes.stream().map(t -> t[0] + "-" + t[1]).toList(), answers,
                        silentAfter[0] - silentBefore[0], silentAfter[1] - silentBefore[1]);
                // each answered probe is the last segment heard, so the next leaves one idle time after it
                assertThat(probeTimes).as("ms from the peer last heard to each probe").hasSize(PROBES_DUE);
                for (int k = 1; k <= PROBES_DUE; k++) {
                    long[] left = probeTimes.get(k - 1);
                    // the range it left in must meet the window around its due time
                    assertThat(left[0]).as("probe %d, due at %d ms, not seen before", k, k * 1000)
                            .isLessThanOrEqualTo(k * 1000L + PROBE_LATE_MILLIS);
                    assertThat(left[1]).as("probe %d, due at %d ms, seen at", k, k * 1000)
                            .isGreaterThanOrEqualTo(k * 1000L - PROBE_EARLY_MILLIS);
                }
                assertThat(probedAfter[0] - probedBefore[0]).as("segments sent in all").isEqualTo(PROBES_DUE);
                assertThat(answers).as("acknowledgements of those probes").isEqualTo(PROBES_DUE);
                assertThat(silentAfter[0] - silentBefore[0]).as("segments sent without keep-alive").isZero();
                assertThat(silentAfter[1] - silentBefore[1]).as("segments received without keep-alive").isZero();
            }
        }
    }

    /**
     * Watches the connection's sent-segment count until {@link #WATCH_MILLIS} after the peer was last heard. For
     * each new segment it returns when it left, as a range in ms since then: from the start of the last
     * {@code ss} run that did not count it to the end of the first that did.
     */
    private static List<long[]> probeTimes(int port, long sentBefore, long heard) throws Exception {
        List<long[]> times = new ArrayList<>();
        long sent = sentBefore;
        long notYet = 0;
        long end = heard + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
        for (int sample = 0; sample < MAX_SAMPLES && System.nanoTime() < end; sample++) {
            long start = (System.nanoTime() - heard) / 1_000_000;
            long now = segments(port)[0];
            long seen = (System.nanoTime() - heard) / 1_000_000;
            for (; sent < now; sent++) {
                times.add(new long[] {notYet, seen});
            }
            notYet = start;
            Thread.sleep(SAMPLE_MILLIS);
        }
        return times;
    }

    private static void requireSs() {
        Preconditions.require(SS.isPresent(), "ss (iproute2) is not installed");
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
        Process process = new ProcessBuilder(SS.orElseThrow(), "-tnoi", "state", "established",
                "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ss did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
