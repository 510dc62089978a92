package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * No leak of native memory or descriptors: {@link SoakWorkload} makes {@value #CALLS} library calls across 4
 * threads in a child JVM with native memory tracking, measuring after a warm-up, half-way and at the end.
 * A leak of one byte per call would show as megabytes; the tolerances below are what the JVM's own
 * bookkeeping moves by between two measurements.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class NoLeakSoakIT {

    private static final long WARM_UP = 2_000_000;
    private static final long CALLS = 5_000_000;
    /** The "Other" category holds memory from {@code Arena} and {@code Unsafe}: a per-call leak lands here. */
    private static final long OTHER_TOLERANCE_KB = 16;
    /** Every category but the JIT compilers' scratch memory. */
    private static final long MALLOC_TOLERANCE_KB = 512;
    /** Resident memory in the second half, once the JIT has settled. */
    private static final long RSS_TOLERANCE_KB = 24 * 1024;

    @Test
    void fiveMillionCallsLeakNoNativeMemoryAndNoDescriptor() throws Exception {
        Jvm.Result result = Jvm.exec(Jvm.java(List.of("-XX:NativeMemoryTracking=summary", "-Xms32m", "-Xmx32m",
                "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC"), SoakWorkload.class.getName(),
                List.of(Long.toString(WARM_UP), Long.toString(CALLS))), Duration.ofSeconds(140));
        System.out.println("[NoLeakSoakIT] after warm-up, half-way, at the end:\n" + result.output().strip());
        assertThat(result.exitCode()).as(result.output()).isZero();

        assertThat(value(result, "calls")[0]).isGreaterThanOrEqualTo(CALLS);
        long[] fds = value(result, "fds");
        assertThat(fds[2]).as("open descriptors at the end").isEqualTo(fds[0]);
        assertThat(fds[1]).as("open descriptors half-way").isEqualTo(fds[0]);
        long[] other = value(result, "nmtOtherKB");
        assertThat(other[2] - other[0]).as("NMT Other growth, KB").isLessThanOrEqualTo(OTHER_TOLERANCE_KB);
        long[] malloc = value(result, "nmtMallocOutsideJitKB");
        assertThat(malloc[2] - malloc[0]).as("NMT malloc growth outside the JIT, KB")
                .isLessThanOrEqualTo(MALLOC_TOLERANCE_KB);
        long[] rss = value(result, "rssKB");
        assertThat(rss[2] - rss[1]).as("RSS growth in the second half, KB").isLessThanOrEqualTo(RSS_TOLERANCE_KB);
    }

    private static long[] value(Jvm.Result result, String name) {
        return result.output().lines().filter(l -> l.startsWith(name + "=")).findFirst()
                .map(l -> Arrays.stream(l.substring(name.length() + 1).split(",")).mapToLong(Long::parseLong)
                        .toArray())
                .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + result.output()));
    }
}
