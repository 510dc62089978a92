package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * No leak of native memory or descriptors: {@link SoakWorkload} makes {@value #ROUNDS} rounds across 2 threads in
 * a child JVM with native memory tracking, each round a new view and a call on it, with {@code effective()},
 * {@code systemDefaults()}, calls the OS refuses (the errno-capturing path) and every other call in between;
 * it measures after a warm-up, half-way and at the end. The tolerances are a few times what the JVM's own
 * bookkeeping moves by between two measurements; a leak of one byte per view is about 1 MB.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoLeakSoakIT {

    private static final long WARM_UP = 200_000;
    private static final long ROUNDS = 1_000_000;
    /** The "Other" category holds memory from {@code Arena} and {@code Unsafe}: a per-view leak lands here. */
    private static final long OTHER_TOLERANCE_KB = 256;
    /** Every category but the JIT compilers' scratch memory (measured: up to 250 KB of growth without a leak). */
    private static final long MALLOC_TOLERANCE_KB = 1024;
    /** Resident memory in the second half, for a leak NMT does not see (measured: up to 5.3 MB without one). */
    private static final long RSS_TOLERANCE_KB = 12 * 1024;

    @Test
    void aMillionViewsLeakNoNativeMemoryAndNoDescriptor() throws Exception {
        Jvm.Result result = Jvm.exec(Jvm.java(List.of("-XX:NativeMemoryTracking=summary", "-Xms32m", "-Xmx32m",
                "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC"), SoakWorkload.class.getName(),
                List.of(Long.toString(WARM_UP), Long.toString(ROUNDS))), Duration.ofSeconds(100));
        System.out.println("[NoLeakSoakIT] after warm-up, half-way, at the end:\n" + result.output().strip());
        assertThat(result.exitCode()).as(result.output()).isZero();

        // the workload did what it says, in the measured part alone
        assertThat(value(result, "views")[0]).isEqualTo(ROUNDS);
        assertThat(value(result, "effective")[0]).isEqualTo(ROUNDS / 16);
        assertThat(value(result, "systemDefaults")[0]).isGreaterThanOrEqualTo(ROUNDS / 64);
        assertThat(value(result, "refusedByTheOs")[0]).isEqualTo(ROUNDS / 8);
        assertThat(value(result, "calls")[0]).isGreaterThan(2 * ROUNDS);
        assertThat(value(result, "closedSocketCalls")[0]).isPositive();

        // every check is reported, so one run shows which of them a leak trips
        SoftAssertions checks = new SoftAssertions();
        long[] fds = value(result, "fds");
        checks.assertThat(fds[2]).as("open descriptors at the end").isEqualTo(fds[0]);
        checks.assertThat(fds[1]).as("open descriptors half-way").isEqualTo(fds[0]);
        long[] other = value(result, "nmtOtherKB");
        checks.assertThat(other[2] - other[0]).as("NMT Other growth, KB").isLessThanOrEqualTo(OTHER_TOLERANCE_KB);
        long[] malloc = value(result, "nmtMallocOutsideJitKB");
        checks.assertThat(malloc[2] - malloc[0]).as("NMT malloc growth outside the JIT, KB")
                .isLessThanOrEqualTo(MALLOC_TOLERANCE_KB);
        long[] rss = value(result, "rssKB");
        checks.assertThat(rss[2] - rss[1]).as("RSS growth in the second half, KB")
                .isLessThanOrEqualTo(RSS_TOLERANCE_KB);
        checks.assertAll();
    }

    private static long[] value(Jvm.Result result, String name) {
        return result.output().lines().filter(l -> l.startsWith(name + "=")).findFirst()
                .map(l -> Arrays.stream(l.substring(name.length() + 1).split(",")).mapToLong(Long::parseLong)
                        .toArray())
                .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + result.output()));
    }
}
