package dev.keepalive.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and writes the report. Phases, each with its duration, load and steal time recorded: the JMH
 * rows ({@code -prof gc}, several forks); the interleaved pairs in several fresh JVMs, each with the pairs in
 * its own random order; the native allocations per view (a JVM with native memory tracking); the cold start
 * (fresh JVMs, see {@link ColdStart}). Then {@code jmh.json}, {@code interleaved-*.csv}, {@code results.md},
 * {@code benchmarks.md}, {@code readme-section.md} and {@code chart.png} under {@code bench.dir}. System
 * properties: {@code bench.full=true} for the full suite, {@code bench.include} (a regular expression over
 * benchmark names) to run only some JMH rows, {@code bench.jmh=false}, {@code bench.interleaved=false},
 * {@code bench.cold=false} to skip a phase. The forked JVMs get this JVM's own options
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
        boolean cold = Boolean.parseBoolean(System.getProperty("bench.cold", "true"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        Files.createDirectories(dir);
        Suite suite = full ? Suite.FULL : Suite.SHORT;
        System.out.println("[bench] " + suite.description());
        Phases phases = new Phases();

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include.isBlank() ? "dev\\.keepalive\\.bench\\." : include)
                .warmupIterations(suite.warmups).warmupTime(suite.warmup)
                .measurementIterations(suite.measurements).measurementTime(suite.iteration)
                .forks(suite.forks)
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
        Collection<RunResult> results = List.of();
        if (jmh) {
            phases.start("JMH rows, " + suite.forks + " forks each");
            results = new Runner(options.build()).run();
            phases.end();
        }

        Map<String, PairStats.Result> pairs = Map.of();
        if (interleaved) {
            List<Path> files = new ArrayList<>();
            SecureRandom seeds = new SecureRandom();
            for (int jvm = 1; jvm <= suite.jvms; jvm++) {
                long seed = seeds.nextLong();
                Path file = dir.resolve("interleaved-" + jvm + ".csv");
                phases.start("interleaved pairs, fresh JVM " + jvm + " of " + suite.jvms + " (order seed " + seed + ")");
                System.out.println("[bench] interleaved pairs in fresh JVM " + jvm + " of " + suite.jvms);
                Forked.run(Interleaved.class, List.of(), file.toString(), Long.toString(seed),
                        Long.toString(suite.plan.warmupNanos() / 1_000_000), Integer.toString(suite.plan.rounds()),
                        Long.toString(suite.plan.batchNanos() / 1_000));
                phases.end();
                files.add(file);
            }
            pairs = PairStats.read(files);
        }

        List<String> nativeAllocations = new ArrayList<>();
        ColdStart.Summary coldStart = null;
        if (cold) {
            phases.start("native allocations per view (native memory tracking)");
            for (String line : Forked.run(NativeAllocations.class,
                    List.of("-XX:NativeMemoryTracking=summary", "-Xmn512m")).split("\n")) {
                if (line.startsWith("native allocations per view: ")) {
                    nativeAllocations.add(line.substring("native allocations per view: ".length()));
                }
            }
            phases.end();
            phases.start("cold start, " + suite.coldJvms + " fresh JVMs per case, alternated");
            coldStart = ColdStart.measure(suite.coldJvms, System.out);
            phases.end();
        }

        String command = "mvn -B -Pbench -DskipTests verify" + (full ? " -Dbench.full" : "");
        Report report = new Report(results, pairs, phases.all(), nativeAllocations, coldStart, suite.description(),
                command, Natives.AVAILABLE);
        report.write(dir);
        System.out.println();
        System.out.println(report.targets());
        System.out.println("[bench] wrote " + dir.toAbsolutePath() + ": jmh.json, interleaved-*.csv, results.md,"
                + " benchmarks.md (the text of docs/benchmarks.md), readme-section.md, chart.png");
    }

    /** The two suites. */
    private enum Suite {
        SHORT(3, 3, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(300), 3,
                new Interleaved.Plan(300_000_000L, 31, 3_000_000L), 9),
        FULL(3, 5, TimeValue.seconds(1), 10, TimeValue.milliseconds(500), 5,
                new Interleaved.Plan(1_000_000_000L, 61, 4_000_000L), 15);

        final int forks;
        final int warmups;
        final TimeValue warmup;
        final int measurements;
        final TimeValue iteration;
        final int jvms;
        final Interleaved.Plan plan;
        final int coldJvms;

        Suite(int forks, int warmups, TimeValue warmup, int measurements, TimeValue iteration, int jvms,
              Interleaved.Plan plan, int coldJvms) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmup = warmup;
            this.measurements = measurements;
            this.iteration = iteration;
            this.jvms = jvms;
            this.plan = plan;
            this.coldJvms = coldJvms;
        }

        String description() {
            String name = this == FULL ? "full suite"
                    : "short suite (options SO_KEEPALIVE and TCP_KEEPIDLE for the raw rows)";
            return name + ": JMH average time, " + forks + " forks, " + warmups + " x " + warmup + " warm-up, "
                    + measurements + " x " + iteration + " measurement, -prof gc; interleaved: " + jvms
                    + " fresh JVMs, pairs in random order, " + plan.rounds() + " A-B-B-A rounds of about "
                    + plan.batchNanos() / 1_000_000 + " ms batches per pair after " + plan.warmupNanos() / 1_000_000
                    + " ms of warm-up; cold start: " + coldJvms + " fresh JVMs per case";
        }
    }
}
