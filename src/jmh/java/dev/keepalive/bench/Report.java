package dev.keepalive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns one run into the report. Every sentence with a figure is built from what this run measured: the JMH
 * rows (median, each fork's median, a flag where iterations trend or forks disagree), the interleaved pairs
 * (medians with 95% bootstrap intervals over several fresh JVMs), the targets judged by where those intervals
 * lie, the native allocations per view, the cold start and the machine's load and steal time per phase.
 * {@link #write(Path)} writes {@code results.md}, {@code benchmarks.md} (the whole of
 * {@code docs/benchmarks.md}), {@code readme-section.md} and {@code chart.png}.
 */
final class Report {

    /** A trend or a disagreement between forks larger than this share of the median flags a row. */
    private static final double FLAG = 0.05;

    /**
     * One JMH row: the median of all measurement iterations of all forks, each fork's median, the largest
     * change from the first to the second half of a fork's iterations (relative), and bytes per operation.
     */
    record Measured(double ns, double[] forkMedians, double trend, double bytes) {

        double spread() {
            double low = Double.MAX_VALUE;
            double high = 0;
            for (double median : forkMedians) {
                low = Math.min(low, median);
                high = Math.max(high, median);
            }
            return forkMedians.length < 2 ? 0 : (high - low) / ns;
        }

        String flag() {
            List<String> flags = new ArrayList<>();
            if (Math.abs(trend) > FLAG) {
                flags.add(format("trend %+.0f%%", trend * 100));
            }
            if (spread() > FLAG) {
                flags.add(format("forks %.0f%% apart", spread() * 100));
            }
            return flags.isEmpty() ? "" : "⚠ " + String.join(", ", flags);
        }
    }

    /** A row of a section: its label and its JMH key ({@code Class.method} or {@code Class.method:OPTION}). */
    record Row(String label, String key) {
    }

    /** One operation and the mechanisms that make it. */
    record Section(String title, List<Row> rows, String note) {
    }

    private final Map<String, Measured> measured = new HashMap<>();
    private final Map<String, PairStats.Result> pairs;
    private final List<Phases.Phase> phases;
    private final List<String> nativeAllocations;
    private final ColdStart.Summary coldStart;
    private final String suite;
    private final String command;
    private final boolean natives;

    Report(Collection<RunResult> results, Map<String, PairStats.Result> pairs, List<Phases.Phase> phases,
           List<String> nativeAllocations, ColdStart.Summary coldStart, String suite, String command,
           boolean natives) {
        for (RunResult result : results) {
            String key = result.getParams().getBenchmark().substring("dev.keepalive.bench.".length());
            String option = result.getParams().getParam("option");
            if (option != null) {
                key += ":" + option;
            }
            List<Double> all = new ArrayList<>();
            List<Double> forkMedians = new ArrayList<>();
            double trend = 0;
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                double[] scores = fork.getIterationResults().stream()
                        .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).toArray();
                for (double score : scores) {
                    all.add(score);
                }
                double median = PairStats.median(scores);
                forkMedians.add(median);
                int half = scores.length / 2;
                if (half > 0) {
                    double first = PairStats.median(java.util.Arrays.copyOfRange(scores, 0, half));
                    double second = PairStats.median(java.util.Arrays.copyOfRange(scores, scores.length - half,
                            scores.length));
                    double change = (second - first) / median;
                    trend = Math.abs(change) > Math.abs(trend) ? change : trend;
                }
            }
            double bytes = Double.NaN;
            for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
                if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = secondary.getValue().getScore();
                }
            }
            measured.put(key, new Measured(PairStats.median(all.stream().mapToDouble(Double::doubleValue).toArray()),
                    forkMedians.stream().mapToDouble(Double::doubleValue).toArray(), trend, bytes));
        }
        this.pairs = Map.copyOf(pairs);
        this.phases = List.copyOf(phases);
        this.nativeAllocations = List.copyOf(nativeAllocations);
        this.coldStart = coldStart;
        this.suite = suite;
        this.command = command;
        this.natives = natives;
    }

    // ---------------------------------------------------------------- JMH tables

    private static List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        sections.add(rawSection("set SO_KEEPALIVE", SockOpt.SO_KEEPALIVE, "SetOptionBench", List.of(
                new Row("library `setEnabled(true)`", "LibraryBench.library_setEnabled"),
                new Row("JDK `SocketChannel.setOption(SO_KEEPALIVE)`", "JdkBench.jdk_channelSetKeepAlive"),
                new Row("JDK `Socket.setKeepAlive`", "JdkBench.jdk_socketSetKeepAlive"))));
        sections.add(rawSection("get SO_KEEPALIVE", null, "GetOptionBench", List.of(
                new Row("library `isEnabled()`", "LibraryBench.library_isEnabled"),
                new Row("JDK `SocketChannel.getOption(SO_KEEPALIVE)`", "JdkBench.jdk_channelGetKeepAlive"),
                new Row("JDK `Socket.getKeepAlive`", "JdkBench.jdk_socketGetKeepAlive"))));
        sections.add(rawSection("set TCP_KEEPIDLE", SockOpt.TCP_KEEPIDLE, "SetOptionBench", List.of(
                new Row("library `setIdle(Duration)`", "LibraryBench.library_setIdle"),
                new Row("JDK `setOption(TCP_KEEPIDLE)`", "JdkBench.jdk_channelSetKeepIdle"))));
        sections.add(rawSection("set TCP_KEEPINTVL", SockOpt.TCP_KEEPINTVL, "SetOptionBench", List.of(
                new Row("library `setInterval(Duration)`", "LibraryBench.library_setInterval"),
                new Row("JDK `setOption(TCP_KEEPINTERVAL)`", "JdkBench.jdk_channelSetKeepInterval"))));
        sections.add(rawSection("set TCP_KEEPCNT", SockOpt.TCP_KEEPCNT, "SetOptionBench", List.of(
                new Row("library `setProbes(int)`", "LibraryBench.library_setProbes"),
                new Row("JDK `setOption(TCP_KEEPCOUNT)`", "JdkBench.jdk_channelSetKeepCount"))));
        sections.add(rawSection("set TCP_USER_TIMEOUT", SockOpt.TCP_USER_TIMEOUT, "SetOptionBench", List.of(
                new Row("library `setUserTimeout(Duration)`", "LibraryBench.library_setUserTimeout"))));
        sections.add(new Section("apply(idle, interval, probes) and current()", List.of(
                new Row("C loop: the system calls an apply makes", "CompositeBench.c_applyLoop"),
                new Row("C loop: only its 4 `setsockopt` calls", "CompositeBench.c_applySetsLoop"),
                new Row("FFM: the same 8 calls under the close lock (the safe floor)", "CompositeBench.ffm_applyFloor"),
                new Row("library `apply(KeepAlive)`", "CompositeBench.library_apply"),
                new Row("JDK: 4 `setOption` calls", "CompositeBench.jdk_applyEquivalent"),
                new Row("C loop: the 5 `getsockopt` calls of `current()`", "CompositeBench.c_currentLoop"),
                new Row("library `current()`", "CompositeBench.library_current"),
                new Row("JDK: 4 `getOption` calls", "CompositeBench.jdk_currentEquivalent")),
                "`apply` and `current` return a new `KeepAlive`, so they allocate by design."));
        sections.add(new Section("per connection", List.of(
                new Row("library `SocketKeepAlive.of(channel)`", "ConnectionBench.library_of"),
                new Row("library `of(channel).apply(KeepAlive)`", "ConnectionBench.library_ofApply"),
                new Row("JDK: 4 `setOption` calls", "ConnectionBench.jdk_fourSetOptions"),
                new Row("C loop: the system calls an apply makes", "ConnectionBench.c_applyLoop")), ""));
        sections.add(new Section("trivial call: the C library's `abs(int)`, no system call", List.of(
                new Row("FFM plain", "CallOverheadBench.ffm_plain"),
                new Row("FFM + `captureCallState(\"errno\")`", "CallOverheadBench.ffm_errno"),
                new Row("FFM `critical(false)`", "CallOverheadBench.ffm_critical"),
                new Row("JNI shim calling `abs`", "CallOverheadBench.jni"),
                new Row("JNA direct mapping", "CallOverheadBench.jna_direct"),
                new Row("Java `Math.abs` (for scale; no call)", "CallOverheadBench.baseline_java")),
                "Every native row calls the same C function, `abs` from the C library."));
        return sections;
    }

    private static Section rawSection(String title, SockOpt option, String rawClass, List<Row> apiRows) {
        String suffix = option == null ? "" : ":" + option.name();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("C loop (the system call alone)", rawClass + ".c_loop" + suffix));
        rows.add(apiRows.get(0));
        rows.add(new Row("FFM, preallocated segment", rawClass + ".ffm_plain" + suffix));
        rows.add(new Row("FFM, preallocated segment, under the close lock (the safe floor)",
                rawClass + ".ffm_plainLocked" + suffix));
        rows.add(new Row("FFM + `captureCallState(\"errno\")`", rawClass + ".ffm_errno" + suffix));
        rows.add(new Row("FFM, new confined `Arena` per call", rawClass + ".ffm_arenaPerCall" + suffix));
        rows.add(new Row("FFM `critical(true)`, heap segment", rawClass + ".ffm_critical" + suffix));
        rows.add(new Row("JNI shim", rawClass + ".jni" + suffix));
        rows.addAll(apiRows.subList(1, apiRows.size()));
        rows.add(new Row("JNA direct mapping", rawClass + ".jna_direct" + suffix));
        rows.add(new Row("JNA interface mapping", rawClass + ".jna_interface" + suffix));
        return new Section(title, rows, "");
    }

    /** Every JMH row, one table per operation. */
    String tables() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections()) {
            List<Row> present = section.rows().stream().filter(row -> measured.containsKey(row.key())).toList();
            if (present.isEmpty()) {
                continue;
            }
            out.append("#### ").append(section.title()).append("\n\n");
            out.append("| mechanism | ns/op (median) | median of each fork | B/op | flag |\n");
            out.append("| --- | ---: | ---: | ---: | --- |\n");
            for (Row row : present) {
                Measured m = measured.get(row.key());
                StringBuilder forks = new StringBuilder();
                for (double median : m.forkMedians()) {
                    forks.append(forks.isEmpty() ? "" : " / ").append(ns(median));
                }
                out.append("| ").append(row.label()).append(" | ").append(ns(m.ns())).append(" | ").append(forks)
                        .append(" | ").append(bytes(m.bytes())).append(" | ").append(m.flag()).append(" |\n");
            }
            if (!section.note().isEmpty()) {
                out.append("\n").append(section.note()).append("\n");
            }
            out.append("\n");
        }
        return out.toString();
    }

    private static String ns(double value) {
        return format(value < 100 ? "%.1f" : "%.0f", value);
    }

    /**
     * JMH's {@code gc.alloc.rate.norm} rounded to what it can show: below half a byte it is JMH's own
     * bookkeeping spread over many operations, so 0; otherwise whole bytes.
     */
    private static String bytes(double value) {
        return Double.isNaN(value) ? "-" : value < 0.5 ? "0" : format("%.0f", value);
    }

    // ---------------------------------------------------------------- targets

    /** How a target is judged against a pair's interval. */
    private enum Kind {
        /** A − B at most the limit (ns). */
        DIFF_AT_MOST,
        /** B / A at least the limit. */
        FASTER_BY,
        /** A / B at most the limit. */
        RATIO_AT_MOST
    }

    private record Target(String text, String pairId, Kind kind, double limit) {
    }

    private static List<Target> targetList() {
        List<Target> targets = new ArrayList<>();
        for (String call : List.of("setEnabled", "isEnabled", "setIdle", "setInterval", "setProbes",
                "setUserTimeout")) {
            targets.add(new Target("`" + call + "` within 5 ns of the safe floor", call + " vs floor",
                    Kind.DIFF_AT_MOST, 5));
        }
        for (String call : List.of("setEnabled", "isEnabled", "setIdle", "setInterval", "setProbes")) {
            targets.add(new Target("`" + call + "` never slower than the JDK's call", call + " vs JDK",
                    Kind.DIFF_AT_MOST, 0));
        }
        targets.add(new Target("`setEnabled` at least 1.5× faster than JNA direct", "setEnabled vs JNA direct",
                Kind.FASTER_BY, 1.5));
        targets.add(new Target("`apply` within 10% of the C loop of its own system calls", "apply vs C",
                Kind.RATIO_AT_MOST, 1.10));
        return targets;
    }

    /** The targets as a Markdown table, each met, missed or inconclusive by where its interval lies. */
    String targets() {
        StringBuilder out = new StringBuilder();
        out.append("| target | measured (median, 95% interval) | verdict |\n| --- | --- | --- |\n");
        for (Target target : targetList()) {
            PairStats.Result pair = pairs.get(target.pairId());
            String figure;
            String verdict;
            if (pair == null) {
                figure = "not measured";
                verdict = natives || !target.pairId().endsWith(" vs C") ? "not measured in this run"
                        : "not measured: no C compiler at build time";
            } else {
                switch (target.kind()) {
                    case DIFF_AT_MOST -> {
                        figure = format("%+.1f ns [%+.1f, %+.1f]", pair.diff().median(), pair.diff().low(),
                                pair.diff().high());
                        verdict = judge(pair.diff().high() <= target.limit(), pair.diff().low() > target.limit());
                    }
                    case FASTER_BY -> {
                        figure = format("%.2f× [%.2f, %.2f]", 1 / pair.ratio().median(), 1 / pair.ratio().high(),
                                1 / pair.ratio().low());
                        verdict = judge(1 / pair.ratio().high() >= target.limit(),
                                1 / pair.ratio().low() < target.limit());
                    }
                    default -> {
                        figure = format("%+.1f%% [%+.1f, %+.1f]", (pair.ratio().median() - 1) * 100,
                                (pair.ratio().low() - 1) * 100, (pair.ratio().high() - 1) * 100);
                        verdict = judge(pair.ratio().high() <= target.limit(), pair.ratio().low() > target.limit());
                    }
                }
            }
            out.append("| ").append(target.text()).append(" | ").append(figure).append(" | ").append(verdict)
                    .append(" |\n");
        }
        out.append("| 0 B/op on every single-option library call | ");
        List<String> allocating = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, Measured> entry : measured.entrySet()) {
            if (entry.getKey().startsWith("LibraryBench.")) {
                any = true;
                if (entry.getValue().bytes() >= 0.5) {
                    allocating.add(entry.getKey().substring("LibraryBench.".length()));
                }
            }
        }
        out.append(any ? allocating.isEmpty() ? "0 B/op on every row" : String.join(", ", allocating) + " allocate"
                : "not measured").append(" | ").append(!any ? "not measured" : allocating.isEmpty() ? "met" : "**missed**")
                .append(" |\n");
        Measured of = measured.get("ConnectionBench.library_of");
        out.append("| `of(channel)` at most 100 B on the heap | ").append(of == null ? "not measured"
                : bytes(of.bytes()) + " B/op").append(" | ").append(of == null ? "not measured"
                : of.bytes() <= 100 ? "met" : "**missed**").append(" |\n");
        if (coldStart != null) {
            PairStats.Estimate own = coldStart.ownShare();
            out.append(format("| library's own share of the first call at most 10 ms | %.1f ms [%.1f, %.1f] | %s |%n",
                    own.median(), own.low(), own.high(), judge(own.high() <= 10, own.low() > 10)));
        }
        return out.toString();
    }

    private static String judge(boolean met, boolean missed) {
        return met ? "met" : missed ? "**missed**" : "inconclusive (the interval spans the limit)";
    }

    // ---------------------------------------------------------------- derived sections

    /** The decomposition of {@code setEnabled} over the C loop, each step a pair of this run. */
    String floor() {
        String[][] steps = {
            {"FFM plain vs C", "a plain FFM downcall over the C loop"},
            {"FFM locked vs C", "the same under the JDK's close lock (the safe floor) over the C loop"},
            {"setEnabled vs floor", "`setEnabled` over the safe floor"},
            {"setEnabled vs C", "`setEnabled` over the C loop"},
            {"FFM critical vs C", "a `critical` downcall (no thread-state transition; not safe here) over the C loop"},
        };
        String table = steps("step (`setsockopt(SO_KEEPALIVE)`)", steps);
        PairStats.Result c = pairs.get("setEnabled vs C");
        if (table != null && c != null) {
            table += format("%nThe system call alone (the C loop) took %.0f ns per call in these rounds.%n", c.bNs());
        }
        return table == null ? "Not measured in this run.\n" : table;
    }

    /** The decomposition of {@code apply} over the C loop of its system calls. */
    String applyFloor() {
        String[][] steps = {
            {"apply floor vs C", "its 8 calls as plain FFM downcalls under the close lock (the safe floor) over the C loop"},
            {"apply vs floor", "`apply` over that floor: the library's own Java code"},
            {"apply vs C", "`apply` over the C loop"},
        };
        String table = steps("step (`apply(idle, interval, probes)`)", steps);
        return table == null ? "Not measured in this run.\n" : table;
    }

    /** One row per step measured in this run (A − B with its interval and per-JVM values), or null if none was. */
    private String steps(String header, String[][] steps) {
        StringBuilder out = new StringBuilder("| " + header + " | A − B, median [95%] | per JVM |\n"
                + "| --- | ---: | --- |\n");
        boolean any = false;
        for (String[] step : steps) {
            PairStats.Result pair = pairs.get(step[0]);
            if (pair != null) {
                any = true;
                out.append("| ").append(step[1]).append(" | ").append(diff(pair)).append(" | ")
                        .append(jvmDiffs(pair)).append(" |\n");
            }
        }
        return any ? out.toString() : null;
    }

    /** Per connection: the view, the view and an apply, and the native allocations. */
    String perConnection() {
        StringBuilder out = new StringBuilder();
        Measured of = measured.get("ConnectionBench.library_of");
        if (of != null) {
            out.append(format("- `SocketKeepAlive.of(channel)`: %s ns (fork medians %s), %s B/op on the heap.%n",
                    ns(of.ns()), forks(of), bytes(of.bytes())));
        }
        for (String id : List.of("of.apply vs JDK", "of.apply vs C", "of.apply vs apply", "apply vs JDK")) {
            PairStats.Result pair = pairs.get(id);
            if (pair != null) {
                out.append(format("- %s vs %s: %.0f vs %.0f ns, A − B %s, A ÷ B %s.%n", pair.a(), pair.b(),
                        pair.aNs(), pair.bNs(), diff(pair), ratio(pair)));
            }
        }
        for (String line : nativeAllocations) {
            out.append("- native allocations per view, ").append(line).append(".\n");
        }
        return out.isEmpty() ? "Not measured in this run.\n" : out.toString();
    }

    /** The cold start: medians of fresh JVMs with intervals, and the library's own share. */
    String coldStartSection() {
        if (coldStart == null) {
            return "Not measured in this run.\n";
        }
        StringBuilder out = new StringBuilder(format("Each case in %d fresh JVMs, alternated; the time of the first"
                + " call only (the connection already open).%n%n| case | median (ms) [95%%] |%n| --- | ---: |%n",
                coldStart.jvms()));
        coldStart.medians().forEach((which, estimate) -> out.append(format("| %s | %.1f [%.1f, %.1f] |%n",
                which.text, estimate.median(), estimate.low(), estimate.high())));
        PairStats.Estimate own = coldStart.ownShare();
        PairStats.Estimate overReadWrite = coldStart.overReadWrite();
        out.append(format("%nThe library's own share (its median minus the bare FFM median): %.1f ms [%.1f, %.1f]."
                + " Over the bare FFM read and write, which links the second function shape an apply needs to read"
                + " what it may have to restore: %.1f ms [%.1f, %.1f]. The AOT cache was %s.%n", own.median(),
                own.low(), own.high(), overReadWrite.median(), overReadWrite.low(), overReadWrite.high(),
                coldStart.aot()));
        return out.toString();
    }

    /** The interleaved pairs as a Markdown table. */
    String interleaved() {
        if (pairs.isEmpty()) {
            return "Not run.\n";
        }
        StringBuilder out = new StringBuilder("| pair | A | B | A ns | B ns | A ÷ B [95%] | A − B ns [95%] |"
                + " A − B per JVM | rounds |\n| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        pairs.values().stream().sorted(Comparator.comparing(PairStats.Result::id)).forEach(r -> out.append(
                format("| %s | %s | %s | %.1f | %.1f | %s | %s | %s | %d |%n", r.id(), r.a(), r.b(), r.aNs(), r.bNs(),
                        ratio(r), diff(r), jvmDiffs(r), r.rounds())));
        return out.toString();
    }

    private static String diff(PairStats.Result pair) {
        return format("%+.1f [%+.1f, %+.1f]", pair.diff().median(), pair.diff().low(), pair.diff().high());
    }

    private static String ratio(PairStats.Result pair) {
        return format("%.3f [%.3f, %.3f]", pair.ratio().median(), pair.ratio().low(), pair.ratio().high());
    }

    private static String jvmDiffs(PairStats.Result pair) {
        StringBuilder out = new StringBuilder();
        for (double d : pair.jvmDiffs()) {
            out.append(out.isEmpty() ? "" : " / ").append(format("%+.1f", d));
        }
        return out.toString();
    }

    private static String forks(Measured m) {
        StringBuilder out = new StringBuilder();
        for (double median : m.forkMedians()) {
            out.append(out.isEmpty() ? "" : " / ").append(ns(median));
        }
        return out.toString();
    }

    /** The machine's state per phase. */
    String phasesTable() {
        StringBuilder out = new StringBuilder("| phase | s | load (1 min) start → end | steal | CPU busy |\n"
                + "| --- | ---: | --- | ---: | ---: |\n");
        for (Phases.Phase phase : phases) {
            out.append(format("| %s | %.0f | %s → %s | %.1f%% | %.0f%% |%n", phase.name(), phase.seconds(),
                    phase.loadStart(), phase.loadEnd(), phase.stealPercent(), phase.busyPercent()));
        }
        return out.toString();
    }

    /** The headline table: per library call, over the C loop, over the floor, and the JDK over it. */
    String headline() {
        String[][] calls = {
            {"`setEnabled`", "setEnabled vs C", "setEnabled vs floor", "setEnabled vs JDK"},
            {"`isEnabled`", "", "isEnabled vs floor", "isEnabled vs JDK"},
            {"`setIdle`", "", "setIdle vs floor", "setIdle vs JDK"},
            {"`setInterval`", "", "setInterval vs floor", "setInterval vs JDK"},
            {"`setProbes`", "", "setProbes vs floor", "setProbes vs JDK"},
            {"`setUserTimeout`", "", "setUserTimeout vs floor", ""},
            {"`apply` (idle, interval, probes)", "apply vs C", "apply vs floor", "apply vs JDK"},
            {"`of(channel).apply`", "of.apply vs C", "", "of.apply vs JDK"},
        };
        StringBuilder out = new StringBuilder("| call | ns | − C loop (ns) | − safe floor (ns) | − JDK (ns) |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        for (String[] call : calls) {
            double ns = Double.NaN;
            StringBuilder cells = new StringBuilder();
            for (int i = 1; i < 4; i++) {
                PairStats.Result pair = pairs.get(call[i]);
                if (pair != null && Double.isNaN(ns)) {
                    ns = pair.aNs();
                }
                cells.append(" | ").append(pair == null ? "-" : diff(pair));
            }
            out.append("| ").append(call[0]).append(" | ").append(Double.isNaN(ns) ? "-" : format("%.0f", ns))
                    .append(cells).append(" |\n");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- documents

    /** The whole of {@code docs/benchmarks.md}. */
    String document() {
        return """
                # Benchmarks

                What a keep-alive call through this library costs, against the same system call made in a C \
                loop, against a plain FFM downcall of it made under the JDK's close lock (the *safe floor*: the \
                least any binding that keeps a concurrent close from releasing the descriptor mid-call can do), \
                and against the JDK's socket options, JNA and JNI. Every figure on this page comes from one run \
                of the command below and is generated from it; connected loopback TCP sockets with keep-alive on.

                ## Run

                %s
                %s
                To refresh this page, run the command: it writes the whole page to `target/bench/benchmarks.md` \
                (with `jmh.json`, `interleaved-*.csv`, `results.md` and `chart.png`); copy it over this file and \
                `chart.png` over `docs/benchmarks-chart.png`.

                ![ns over the C loop, with 95%% intervals](benchmarks-chart.png)

                ## How to read it

                - **Interleaved pairs** carry the comparisons: a mechanism A and its reference B run in \
                alternating A-B-B-A batches on one socket, in several fresh JVMs with the pairs in a random \
                order per JVM. The figure is the median over all rounds of the per-round A − B (or A ÷ B), with \
                a 95%% bootstrap interval drawn at two levels (JVMs with replacement, then rounds within each), \
                so that it holds the disagreement between JVMs; "per JVM" gives each JVM's own median.
                - A target is **met** when its whole interval is on the right side of the limit, **missed** when \
                the whole interval is on the wrong side, and **inconclusive** otherwise.
                - **JMH rows**: average time per call, the median of all measurement iterations of all forks, \
                with each fork's median. A row is flagged when the second half of a fork's iterations differs \
                from the first half, or fork medians differ, by more than 5%% of the median. **B/op** is \
                `gc.alloc.rate.norm` rounded to whole bytes (below half a byte it is JMH's own bookkeeping, so 0).
                - The C loop is called once per batch through one FFM downcall, so its figure is the system \
                call alone.

                ## Targets

                %s
                ## Where `setEnabled`'s time goes

                %s
                ## Where `apply`'s time goes

                %s
                ## Per connection

                %s
                ## First call in a fresh JVM

                %s
                ## Interleaved pairs

                %s
                ## Every row (JMH)

                %s""".formatted(runSection(), phasesTable(), targets(), floor(), applyFloor(), perConnection(),
                coldStartSection(),
                interleaved(), tables());
    }

    /** The README's performance section. */
    String readmeSection() {
        return """
                ## Performance

                ```sh
                mvn -B -Pbench -DskipTests verify                 # short suite: target/bench/
                mvn -B -Pbench -DskipTests verify -Dbench.full    # full suite
                ```

                Latest run (%s; %s, %d cores, a shared machine; %s). Medians of interleaved rounds in %s fresh \
                JVMs, with 95%% intervals, in ns; the safe floor is a plain FFM downcall of the same call under \
                the JDK's close lock (for `apply`, its 8 calls as plain downcalls under one hold of the lock):

                %s
                %s[docs/benchmarks.md](docs/benchmarks.md): targets, every mechanism, the chart and how to read them.
                """.formatted(date(), cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), jvmCount(), headline(), coldLine());
    }

    private String jvmCount() {
        return pairs.values().stream().findFirst().map(pair -> Integer.toString(pair.jvmDiffs().length)).orElse("0");
    }

    private String coldLine() {
        if (coldStart == null) {
            return "";
        }
        PairStats.Estimate library = coldStart.medians().get(ColdStart.Case.LIBRARY);
        PairStats.Estimate own = coldStart.ownShare();
        PairStats.Estimate overReadWrite = coldStart.overReadWrite();
        String line = format("First `of(channel).apply` in a fresh JVM: %.1f ms [%.1f, %.1f], of which the library's"
                + " own share over a bare FFM first call is %.1f ms [%.1f, %.1f], and %.1f ms [%.1f, %.1f] over a bare"
                + " FFM read and write (the second function shape an apply needs to be able to roll back).%n%n",
                library.median(), library.low(), library.high(), own.median(), own.low(), own.high(),
                overReadWrite.median(), overReadWrite.low(), overReadWrite.high());
        PairStats.Estimate aot = coldStart.medians().get(ColdStart.Case.LIBRARY_AOT);
        if (aot != null) {
            line += format("A JDK 25 AOT cache cuts the first call (same run: %.1f ms [%.1f, %.1f] against %.1f ms"
                    + " [%.1f, %.1f] without): make it with one training run,%n`java -XX:AOTCacheOutput=app.aot -jar"
                    + " app.jar`, then start with `java -XX:AOTCache=app.aot -jar app.jar`.%n", aot.median(), aot.low(),
                    aot.high(), library.median(), library.low(), library.high());
        }
        return line;
    }

    private String runSection() {
        return """
                - date: %s
                - machine: %s, %d cores, Linux %s, shared with other builds (load and steal per phase below)
                - JDK: %s %s
                - command: `%s`
                - suite: %s
                """.formatted(date(), cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), command, suite);
    }

    private static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** Writes every file of the report into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("results.md"), "## Targets\n\n" + targets() + "\n## Phases\n\n" + phasesTable()
                + "\n## setEnabled over the C loop\n\n" + floor() + "\n## apply over the C loop\n\n" + applyFloor()
                + "\n## Per connection\n\n" + perConnection()
                + "\n## Cold start\n\n" + coldStartSection() + "\n## Interleaved pairs\n\n" + interleaved()
                + "\n## Every row (JMH)\n\n" + tables());
        Files.writeString(dir.resolve("benchmarks.md"), document());
        Files.writeString(dir.resolve("readme-section.md"), readmeSection());
        Chart.write(pairs, dir.resolve("chart.png"));
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
