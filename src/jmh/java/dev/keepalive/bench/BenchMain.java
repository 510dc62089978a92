package dev.keepalive.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and writes the report: the JMH rows (with {@code -prof gc}), then the interleaved pairs, then
 * {@code jmh.json}, {@code interleaved.csv}, {@code results.md}, {@code benchmarks.md},
 * {@code readme-section.md} and {@code chart.png} under {@code bench.dir}. System properties:
 * {@code bench.full=true} for the full suite, {@code bench.include} (a regular expression over benchmark
 * names) to run only some rows, {@code bench.interleaved=false} to skip the interleaved pairs,
 * {@code bench.jmh=false} to run only them. The forked JVMs get this JVM's own options
 * ({@code --enable-native-access}, {@code --add-opens}, the {@code bench.*} properties).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Throwable {
        boolean full = Boolean.parseBoolean(System.getProperty("bench.full", "false"));
        String include = System.getProperty("bench.include", "");
        boolean interleaved = Boolean.parseBoolean(System.getProperty("bench.interleaved", "true"));
        boolean jmh = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        Files.createDirectories(dir);
        Suite suite = full ? Suite.FULL : Suite.SHORT;
        System.out.println("[bench] " + suite.description());

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include.isBlank() ? "dev\\.keepalive\\.bench\\." : include)
                .warmupIterations(suite.warmups).warmupTime(suite.warmup)
                .measurementIterations(suite.measurements).measurementTime(suite.iteration)
                .forks(1)
                .jvmArgs(ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("jmh.json").toString());
        if (!full) {
            options.param("option", SockOpt.SO_KEEPALIVE.name(), SockOpt.TCP_KEEPIDLE.name());
        }
        if (!Natives.AVAILABLE) {
            System.out.println("[bench] no " + Natives.LIBRARY + " (it is built only where a C compiler is found):"
                    + " the C loop and JNI rows and the pairs against the C loop are skipped");
            options.exclude("\\.c_\\w+$").exclude("\\.jni$");
        }
        Collection<RunResult> results = jmh ? new Runner(options.build()).run() : List.of();

        List<Interleaved.Result> pairs = List.of();
        if (interleaved) {
            pairs = Interleaved.run(suite.plan, System.out);
        }
        String command = "mvn -B -Pbench -DskipTests verify" + (full ? " -Dbench.full" : "");
        Report report = new Report(results, pairs, suite.description(), command, Natives.AVAILABLE);
        report.write(dir);
        System.out.println();
        System.out.println(report.targets());
        System.out.println(report.floor());
        System.out.println("[bench] wrote " + dir.toAbsolutePath() + ": jmh.json, interleaved.csv, results.md,"
                + " benchmarks.md (the text of docs/benchmarks.md), readme-section.md, chart.png");
    }

    /** The two suites. */
    private enum Suite {
        SHORT(2, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(300),
                new Interleaved.Plan(400_000_000L, 31, 3_000_000L)),
        FULL(3, TimeValue.seconds(1), 10, TimeValue.milliseconds(500),
                new Interleaved.Plan(1_500_000_000L, 151, 4_000_000L));

        final int warmups;
        final TimeValue warmup;
        final int measurements;
        final TimeValue iteration;
        final Interleaved.Plan plan;

        Suite(int warmups, TimeValue warmup, int measurements, TimeValue iteration, Interleaved.Plan plan) {
            this.warmups = warmups;
            this.warmup = warmup;
            this.measurements = measurements;
            this.iteration = iteration;
            this.plan = plan;
        }

        String description() {
            String name = this == FULL ? "full suite"
                    : "short suite (options SO_KEEPALIVE and TCP_KEEPIDLE for the raw rows)";
            return name + ": JMH average time, 1 fork, " + warmups + " x " + warmup + " warm-up, " + measurements
                    + " x " + iteration + " measurement, -prof gc; interleaved: " + plan.rounds()
                    + " A-B-B-A rounds of about " + plan.batchNanos() / 1_000_000 + " ms batches per pair, after "
                    + plan.warmupNanos() / 1_000_000 + " ms of warm-up";
        }
    }
}
