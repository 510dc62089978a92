package dev.keepalive.bench;

import java.awt.Color;
import java.awt.Font;
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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns one run into the report: per operation, every mechanism's time and allocation with its ratios to
 * the C loop and to the JDK measured in the same run; the interleaved pairs; each target checked against the
 * figures, met or missed with the margin; and a chart. {@link #write(Path)} writes {@code results.md} (the
 * tables), {@code benchmarks.md} (the whole text of {@code docs/benchmarks.md}), {@code readme-section.md} (the
 * README's performance section), {@code interleaved.csv} and {@code chart.png}.
 */
final class Report {

    /**
     * One JMH row: the median of its measurement iterations' ns per operation (one burst of another process
     * moves a mean, not a median), the fastest and slowest iteration, and bytes allocated per operation.
     */
    record Measured(double ns, double low, double high, double bytes) {
    }

    /** A row of a section: its label and its JMH key ({@code Class.method} or {@code Class.method:OPTION}). */
    record Row(String label, String key) {
    }

    /** One operation and the mechanisms that make it; {@code cKey}/{@code jdkKey} are the references. */
    record Section(String title, String cKey, String jdkKey, List<Row> rows, String note) {
    }

    private final Map<String, Measured> measured = new HashMap<>();
    private final Map<String, Interleaved.Result> pairs = new HashMap<>();
    private final List<Interleaved.Result> pairList;
    private final String suite;
    private final String command;
    private final boolean natives;

    Report(Collection<RunResult> results, List<Interleaved.Result> pairs, String suite, String command,
           boolean natives) {
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String key = name.substring("dev.keepalive.bench.".length());
            String option = result.getParams().getParam("option");
            if (option != null) {
                key += ":" + option;
            }
            List<Double> iterations = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    iterations.add(iteration.getPrimaryResult().getScore());
                }
            }
            iterations.sort(null);
            int size = iterations.size();
            double median = size % 2 == 1 ? iterations.get(size / 2)
                    : (iterations.get(size / 2 - 1) + iterations.get(size / 2)) / 2;
            double bytes = Double.NaN;
            for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
                if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = secondary.getValue().getScore();
                }
            }
            measured.put(key, new Measured(median, iterations.get(0), iterations.get(size - 1), bytes));
        }
        this.pairList = List.copyOf(pairs);
        for (Interleaved.Result pair : pairs) {
            this.pairs.put(pair.id(), pair);
        }
        this.suite = suite;
        this.command = command;
        this.natives = natives;
    }

    private static List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        sections.add(rawSection("set SO_KEEPALIVE", SockOpt.SO_KEEPALIVE, "SetOptionBench",
                List.of(new Row("library `setEnabled(true)`", "LibraryBench.library_setEnabled"),
                        new Row("JDK `SocketChannel.setOption(SO_KEEPALIVE)`", "JdkBench.jdk_channelSetKeepAlive"),
                        new Row("JDK `Socket.setKeepAlive`", "JdkBench.jdk_socketSetKeepAlive")),
                "JdkBench.jdk_channelSetKeepAlive", ""));
        sections.add(rawSection("get SO_KEEPALIVE", null, "GetOptionBench",
                List.of(new Row("library `isEnabled()`", "LibraryBench.library_isEnabled"),
                        new Row("JDK `SocketChannel.getOption(SO_KEEPALIVE)`", "JdkBench.jdk_channelGetKeepAlive"),
                        new Row("JDK `Socket.getKeepAlive`", "JdkBench.jdk_socketGetKeepAlive")),
                "JdkBench.jdk_channelGetKeepAlive", ""));
        sections.add(rawSection("set TCP_KEEPIDLE", SockOpt.TCP_KEEPIDLE, "SetOptionBench",
                List.of(new Row("library `setIdle(Duration)`", "LibraryBench.library_setIdle"),
                        new Row("JDK `setOption(ExtendedSocketOptions.TCP_KEEPIDLE)`",
                                "JdkBench.jdk_channelSetKeepIdle")),
                "JdkBench.jdk_channelSetKeepIdle", ""));
        sections.add(rawSection("set TCP_KEEPINTVL", SockOpt.TCP_KEEPINTVL, "SetOptionBench",
                List.of(new Row("library `setInterval(Duration)`", "LibraryBench.library_setInterval"),
                        new Row("JDK `setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)`",
                                "JdkBench.jdk_channelSetKeepInterval")),
                "JdkBench.jdk_channelSetKeepInterval", ""));
        sections.add(rawSection("set TCP_KEEPCNT", SockOpt.TCP_KEEPCNT, "SetOptionBench",
                List.of(new Row("library `setProbes(int)`", "LibraryBench.library_setProbes"),
                        new Row("JDK `setOption(ExtendedSocketOptions.TCP_KEEPCOUNT)`",
                                "JdkBench.jdk_channelSetKeepCount")),
                "JdkBench.jdk_channelSetKeepCount", ""));
        sections.add(rawSection("set TCP_USER_TIMEOUT", SockOpt.TCP_USER_TIMEOUT, "SetOptionBench",
                List.of(new Row("library `setUserTimeout(Duration)`", "LibraryBench.library_setUserTimeout")),
                null, "The JDK has no `TCP_USER_TIMEOUT` option, so this operation has no JDK row."));
        sections.add(new Section("apply(idle, interval, probes)", "CompositeBench.c_applyLoop",
                "CompositeBench.jdk_applyEquivalent", List.of(
                        new Row("C loop: the 9 calls an apply makes", "CompositeBench.c_applyLoop"),
                        new Row("C loop: only its 4 `setsockopt` calls", "CompositeBench.c_applySetsLoop"),
                        new Row("library `apply(KeepAlive)`", "CompositeBench.library_apply"),
                        new Row("JDK: 4 `setOption` calls", "CompositeBench.jdk_applyEquivalent")),
                "An apply reads the five settings first (to roll back if the OS refuses one, and as the base of"
                        + " the `KeepAlive` it returns) and sets idle, interval, probes and `SO_KEEPALIVE`: 9 system"
                        + " calls, against which it is compared. The JDK row sets the same four options and"
                        + " neither reads nor rolls back."));
        sections.add(new Section("current()", "CompositeBench.c_currentLoop", "CompositeBench.jdk_currentEquivalent",
                List.of(new Row("C loop: the 5 `getsockopt` calls", "CompositeBench.c_currentLoop"),
                        new Row("library `current()`", "CompositeBench.library_current"),
                        new Row("JDK: 4 `getOption` calls (it has no user timeout)",
                                "CompositeBench.jdk_currentEquivalent")),
                "`apply` and `current` return a new `KeepAlive` (with its `Duration`s), so they allocate by design."));
        sections.add(new Section("trivial call: `abs(int)`, no system call", "CallOverheadBench.baseline_java", null,
                List.of(new Row("Java `Math.abs` (floor)", "CallOverheadBench.baseline_java"),
                        new Row("FFM plain", "CallOverheadBench.ffm_plain"),
                        new Row("FFM + `captureCallState(\"errno\")`", "CallOverheadBench.ffm_errno"),
                        new Row("FFM `critical(false)`", "CallOverheadBench.ffm_critical"),
                        new Row("JNI (identity function)", "CallOverheadBench.jni"),
                        new Row("JNA direct mapping", "CallOverheadBench.jna_direct")),
                "What each mechanism costs on its own; the \"÷ C loop\" column is against plain Java here."));
        return sections;
    }

    private static Section rawSection(String title, SockOpt option, String rawClass, List<Row> apiRows,
                                      String jdkKey, String note) {
        String suffix = option == null ? "" : ":" + option.name();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("C loop (the system call alone)", rawClass + ".c_loop" + suffix));
        rows.add(apiRows.get(0));
        rows.add(new Row("FFM, preallocated segment", rawClass + ".ffm_plain" + suffix));
        if (rawClass.equals("SetOptionBench")) {
            rows.add(new Row("FFM, preallocated segment, under the close lock",
                    rawClass + ".ffm_plainLocked" + suffix));
        }
        rows.add(new Row("FFM + `captureCallState(\"errno\")`", rawClass + ".ffm_errno" + suffix));
        rows.add(new Row("FFM, new confined `Arena` per call", rawClass + ".ffm_arenaPerCall" + suffix));
        rows.add(new Row("FFM `critical(true)`, heap segment", rawClass + ".ffm_critical" + suffix));
        rows.add(new Row("JNI shim", rawClass + ".jni" + suffix));
        rows.addAll(apiRows.subList(1, apiRows.size()));
        rows.add(new Row("JNA direct mapping", rawClass + ".jna_direct" + suffix));
        rows.add(new Row("JNA interface mapping", rawClass + ".jna_interface" + suffix));
        return new Section(title, rawClass + ".c_loop" + suffix, jdkKey, rows, note);
    }

    /** A target and how it is checked, against an interleaved pair (A = library) and the same JMH rows. */
    private record Target(String text, String pairId, String libraryKey, String referenceKey, Kind kind,
                          double limit, double limitNs) {
    }

    private enum Kind {
        /** A/B at most {@code limit} and A-B at most {@code limitNs} (if given). */
        NEAR,
        /** B-A at least {@code limitNs}. */
        FASTER_NS,
        /** B/A at least {@code limit}. */
        FASTER_RATIO
    }

    private static List<Target> targetList() {
        List<Target> targets = new ArrayList<>();
        String[][] singles = {
            {"setEnabled", "LibraryBench.library_setEnabled", "SetOptionBench.c_loop:SO_KEEPALIVE"},
            {"isEnabled", "LibraryBench.library_isEnabled", "GetOptionBench.c_loop"},
            {"setIdle", "LibraryBench.library_setIdle", "SetOptionBench.c_loop:TCP_KEEPIDLE"},
            {"setInterval", "LibraryBench.library_setInterval", "SetOptionBench.c_loop:TCP_KEEPINTVL"},
            {"setProbes", "LibraryBench.library_setProbes", "SetOptionBench.c_loop:TCP_KEEPCNT"},
            {"setUserTimeout", "LibraryBench.library_setUserTimeout", "SetOptionBench.c_loop:TCP_USER_TIMEOUT"},
        };
        for (String[] single : singles) {
            targets.add(new Target("`" + single[0] + "` within 3% and 20 ns of the C loop", single[0] + " vs C loop",
                    single[1], single[2], Kind.NEAR, 1.03, 20));
        }
        targets.add(new Target("`apply` within 5% of the C loop of its 9 calls", "apply vs C loop (9 calls)",
                "CompositeBench.library_apply", "CompositeBench.c_applyLoop", Kind.NEAR, 1.05, Double.NaN));
        targets.add(new Target("`setEnabled` at least 100 ns under `SocketChannel.setOption(SO_KEEPALIVE)`",
                "setEnabled vs JDK setOption", "LibraryBench.library_setEnabled", "JdkBench.jdk_channelSetKeepAlive",
                Kind.FASTER_NS, Double.NaN, 100));
        targets.add(new Target("`setIdle` at least 1.10x faster than `setOption(TCP_KEEPIDLE)`",
                "setIdle vs JDK setOption", "LibraryBench.library_setIdle", "JdkBench.jdk_channelSetKeepIdle",
                Kind.FASTER_RATIO, 1.10, Double.NaN));
        targets.add(new Target("`isEnabled` at least 1.15x faster than `getOption(SO_KEEPALIVE)`",
                "isEnabled vs JDK getOption", "LibraryBench.library_isEnabled", "JdkBench.jdk_channelGetKeepAlive",
                Kind.FASTER_RATIO, 1.15, Double.NaN));
        targets.add(new Target("`setEnabled` at least 1.75x faster than JNA direct mapping",
                "setEnabled vs JNA direct", "LibraryBench.library_setEnabled", "SetOptionBench.jna_direct:SO_KEEPALIVE",
                Kind.FASTER_RATIO, 1.75, Double.NaN));
        return targets;
    }

    /** The targets as a Markdown table, each met or missed with its margin. */
    String targets() {
        StringBuilder out = new StringBuilder();
        out.append("| target | interleaved (medians) | JMH (medians) | verdict |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (Target target : targetList()) {
            Interleaved.Result pair = pairs.get(target.pairId());
            Measured a = measured.get(target.libraryKey());
            Measured b = measured.get(target.referenceKey());
            String fromPair = pair == null ? "not measured" : figures(target, pair.ratio(), pair.diffNs());
            String fromJmh = a == null || b == null ? "not measured"
                    : figures(target, a.ns() / b.ns(), a.ns() - b.ns());
            String verdict;
            if (pair != null) {
                verdict = verdict(target, pair.ratio(), pair.diffNs()) + " (interleaved)";
            } else if (a != null && b != null) {
                verdict = verdict(target, a.ns() / b.ns(), a.ns() - b.ns()) + " (JMH)";
            } else {
                verdict = natives ? "not measured in this run" : "not measured: no C compiler at build time";
            }
            out.append("| ").append(target.text()).append(" | ").append(fromPair).append(" | ").append(fromJmh)
                    .append(" | ").append(verdict).append(" |\n");
        }
        out.append("| 0 B/op on every single-option library call | - | ");
        List<String> allocating = new ArrayList<>();
        double worst = 0;
        boolean any = false;
        for (Map.Entry<String, Measured> entry : measured.entrySet()) {
            if (entry.getKey().startsWith("LibraryBench.")) {
                any = true;
                worst = Math.max(worst, entry.getValue().bytes());
                if (entry.getValue().bytes() >= 1) {
                    allocating.add(entry.getKey().substring("LibraryBench.".length()));
                }
            }
        }
        out.append(any ? format("worst %.3f B/op", worst) : "not measured").append(" | ")
                .append(!any ? "not measured" : allocating.isEmpty() ? "met (JMH `gc.alloc.rate.norm` < 1 B/op)"
                        : "missed: " + String.join(", ", allocating)).append(" |\n");
        return out.toString();
    }

    /**
     * What the pairs say about the floor under the single-call targets: the cost of any FFM downcall over the
     * C loop, the cost of the close lock, and what the library adds beyond both.
     */
    String floor() {
        Interleaved.Result ffm = pairs.get("FFM plain vs C loop");
        Interleaved.Result lock = pairs.get("FFM locked vs FFM plain");
        Interleaved.Result rest = pairs.get("setEnabled vs FFM locked");
        Interleaved.Result errno = pairs.get("FFM plain vs FFM errno");
        if (ffm == null || lock == null || rest == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(format("Where the library's time over the C loop goes (interleaved medians,"
                + " `setsockopt(SO_KEEPALIVE)`, which costs %.0f ns from C here):%n%n", ffm.bNs()));
        out.append(format("- a plain FFM downcall of the same call: %+.1f ns over the C loop (the thread-state"
                + " transition into and out of native code, which only a `critical` downcall avoids);%n",
                ffm.diffNs()));
        out.append(format("- the JDK's close lock, held so that a concurrent close cannot release the descriptor"
                + " mid-call: %+.1f ns;%n", lock.diffNs()));
        out.append(format("- everything else the library does (open check, option table, range check, unit"
                + " conversion): %+.1f ns.%n", rest.diffNs()));
        Interleaved.Result apply = pairs.get("apply vs C loop (9 calls)");
        Measured applyAllocation = measured.get("CompositeBench.library_apply");
        if (apply != null) {
            double transitions = 9 * ffm.diffNs();
            double budget = 0.05 * apply.bNs();
            out.append(format("%n`apply` makes 9 downcalls under one lock; at %.1f ns each for the transition"
                    + " alone that is %.0f ns of its %.0f ns over the C loop, against a 5%% budget of %.0f ns (%s)."
                    + " The rest is checking and converting the settings, the rollback bookkeeping and the"
                    + " `KeepAlive` it returns%s.%n", ffm.diffNs(), transitions, apply.diffNs(), budget,
                    transitions >= budget ? "out of reach on this machine whatever the Java side does"
                            : format("%.0f ns left for the Java side", budget - transitions),
                    applyAllocation == null ? "" : format(" (%.0f B allocated per apply)", applyAllocation.bytes())));
        }
        Measured c = measured.get("SetOptionBench.c_loop:SO_KEEPALIVE");
        Measured jdk = measured.get("JdkBench.jdk_channelSetKeepAlive");
        Measured jna = measured.get("SetOptionBench.jna_direct:SO_KEEPALIVE");
        if (c != null && jdk != null && jna != null) {
            out.append(format("%nAgainst the alternatives (JMH medians): `SocketChannel.setOption(SO_KEEPALIVE)` costs"
                    + " %.0f ns over the C loop in this run (its own JNI call, the same close lock, boxing and"
                    + " option checks), so no binding can be more than that much faster than it; JNA direct"
                    + " mapping costs %.0f ns over the C loop.%n", jdk.ns() - c.ns(), jna.ns() - c.ns()));
        }
        if (errno != null) {
            out.append(format("%nCapturing `errno` on every call costs %+.1f ns over a plain downcall (pair \"FFM plain"
                    + " vs FFM errno\"); the library captures it only when a call has failed.%n", -errno.diffNs()));
        }
        return out.toString();
    }

    private static String figures(Target target, double ratio, double diffNs) {
        return switch (target.kind()) {
            case NEAR -> format("%+.1f%%, %+.1f ns", (ratio - 1) * 100, diffNs);
            case FASTER_NS -> format("%s (%.2fx)", lessOrMore(diffNs), 1 / ratio);
            case FASTER_RATIO -> format("%.2fx (%s)", 1 / ratio, lessOrMore(diffNs));
        };
    }

    private static String lessOrMore(double diffNs) {
        return diffNs <= 0 ? format("%.1f ns less", -diffNs) : format("%.1f ns more", diffNs);
    }

    private static String verdict(Target target, double ratio, double diffNs) {
        return switch (target.kind()) {
            case NEAR -> {
                double overPercent = (ratio - target.limit()) * 100;
                double overNs = Double.isNaN(target.limitNs()) ? Double.NEGATIVE_INFINITY : diffNs - target.limitNs();
                if (overPercent <= 0 && overNs <= 0) {
                    yield format("met, %.1f points under the %.0f%% limit", -overPercent, (target.limit() - 1) * 100)
                            + (Double.isNaN(target.limitNs()) ? "" : format(", %.1f ns under %.0f ns", -overNs,
                            target.limitNs()));
                }
                List<String> misses = new ArrayList<>();
                if (overPercent > 0) {
                    misses.add(format("%.1f points over the %.0f%% limit", overPercent, (target.limit() - 1) * 100));
                }
                if (overNs > 0) {
                    misses.add(format("%.1f ns over %.0f ns", overNs, target.limitNs()));
                }
                yield "**missed**: " + String.join(", ", misses);
            }
            case FASTER_NS -> -diffNs >= target.limitNs()
                    ? format("met by %.1f ns", -diffNs - target.limitNs())
                    : format("**missed** by %.1f ns", target.limitNs() + diffNs);
            case FASTER_RATIO -> 1 / ratio >= target.limit()
                    ? format("met by %.2fx", 1 / ratio - target.limit())
                    : format("**missed** by %.2fx", target.limit() - 1 / ratio);
        };
    }

    /**
     * The headline table for the README: per library call, its time against the C loop and how many times
     * faster it is than the JDK and than JNA direct mapping. Interleaved medians where the run has that pair,
     * otherwise JMH medians of the same run, marked with an asterisk.
     */
    String headline() {
        String[][] calls = {
            // call, pair vs C, library key, C key, pair vs JDK, JDK key, pair vs JNA, JNA key
            {"`setEnabled`", "setEnabled vs C loop", "LibraryBench.library_setEnabled",
                "SetOptionBench.c_loop:SO_KEEPALIVE", "setEnabled vs JDK setOption", "JdkBench.jdk_channelSetKeepAlive",
                "setEnabled vs JNA direct", "SetOptionBench.jna_direct:SO_KEEPALIVE"},
            {"`isEnabled`", "isEnabled vs C loop", "LibraryBench.library_isEnabled", "GetOptionBench.c_loop",
                "isEnabled vs JDK getOption", "JdkBench.jdk_channelGetKeepAlive", "", "GetOptionBench.jna_direct"},
            {"`setIdle`", "setIdle vs C loop", "LibraryBench.library_setIdle", "SetOptionBench.c_loop:TCP_KEEPIDLE",
                "setIdle vs JDK setOption", "JdkBench.jdk_channelSetKeepIdle", "",
                "SetOptionBench.jna_direct:TCP_KEEPIDLE"},
            {"`setInterval`", "setInterval vs C loop", "LibraryBench.library_setInterval",
                "SetOptionBench.c_loop:TCP_KEEPINTVL", "", "JdkBench.jdk_channelSetKeepInterval", "",
                "SetOptionBench.jna_direct:TCP_KEEPINTVL"},
            {"`setProbes`", "setProbes vs C loop", "LibraryBench.library_setProbes",
                "SetOptionBench.c_loop:TCP_KEEPCNT", "", "JdkBench.jdk_channelSetKeepCount", "",
                "SetOptionBench.jna_direct:TCP_KEEPCNT"},
            {"`setUserTimeout`", "setUserTimeout vs C loop", "LibraryBench.library_setUserTimeout",
                "SetOptionBench.c_loop:TCP_USER_TIMEOUT", "", "", "", "SetOptionBench.jna_direct:TCP_USER_TIMEOUT"},
            {"`apply` (idle, interval, probes)", "apply vs C loop (9 calls)", "CompositeBench.library_apply",
                "CompositeBench.c_applyLoop", "", "CompositeBench.jdk_applyEquivalent", "", ""},
            {"`current()`", "current vs C loop (5 calls)", "CompositeBench.library_current",
                "CompositeBench.c_currentLoop", "", "CompositeBench.jdk_currentEquivalent", "", ""},
        };
        StringBuilder out = new StringBuilder();
        out.append("| call | system call from C | library | library ÷ C | JDK ÷ library | JNA direct ÷ library |"
                + " B/op |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String[] call : calls) {
            Interleaved.Result versusC = pairs.get(call[1]);
            Measured library = measured.get(call[2]);
            Measured c = measured.get(call[3]);
            String cNs = versusC != null ? format("%.0f ns", versusC.bNs())
                    : c != null ? format("%.0f ns*", c.ns()) : "-";
            String libraryNs = versusC != null ? format("%.0f ns", versusC.aNs())
                    : library != null ? format("%.0f ns*", library.ns()) : "-";
            out.append("| ").append(call[0]).append(" | ").append(cNs).append(" | ").append(libraryNs).append(" | ")
                    .append(ratio(versusC, false, library, c)).append(" | ")
                    .append(ratio(pairs.get(call[4]), true, measured.get(call[5]), library)).append(" | ")
                    .append(ratio(pairs.get(call[6]), true, measured.get(call[7]), library)).append(" | ")
                    .append(library == null ? "-" : format("%.0f", library.bytes())).append(" |\n");
        }
        return out.toString();
    }

    /** A ratio from a pair (inverted when the library is its A side and the ratio wanted is B over A), else JMH. */
    private static String ratio(Interleaved.Result pair, boolean invert, Measured top, Measured bottom) {
        if (pair != null) {
            return format("%.2f", invert ? 1 / pair.ratio() : pair.ratio());
        }
        if (top == null || bottom == null) {
            return "-";
        }
        return format("%.2f*", top.ns() / bottom.ns());
    }

    /** Every JMH row, one table per operation. */
    String tables() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections()) {
            List<Row> present = section.rows().stream().filter(row -> measured.containsKey(row.key())).toList();
            if (present.isEmpty()) {
                continue;
            }
            Measured c = measured.get(section.cKey());
            Measured jdk = section.jdkKey() == null ? null : measured.get(section.jdkKey());
            out.append("#### ").append(section.title()).append("\n\n");
            out.append("| mechanism | ns/op | iterations | B/op | ÷ C loop | − C loop (ns) | JDK ÷ this |\n");
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Row row : present) {
                Measured m = measured.get(row.key());
                out.append("| ").append(row.label()).append(" | ").append(format("%.1f", m.ns())).append(" | ")
                        .append(format(m.high() < 100 ? "%.1f–%.1f" : "%.0f–%.0f", m.low(), m.high())).append(" | ")
                        .append(format("%.1f", m.bytes())).append(" | ")
                        .append(c == null ? "-" : format("%.3f", m.ns() / c.ns())).append(" | ")
                        .append(c == null ? "-" : format("%+.1f", m.ns() - c.ns())).append(" | ")
                        .append(jdk == null ? "-" : format("%.2f", jdk.ns() / m.ns())).append(" |\n");
            }
            if (!section.note().isEmpty()) {
                out.append("\n").append(section.note()).append("\n");
            }
            out.append("\n");
        }
        return out.toString();
    }

    /** The interleaved pairs as a Markdown table. */
    String interleaved() {
        if (pairList.isEmpty()) {
            return "Not run.\n";
        }
        StringBuilder out = new StringBuilder();
        out.append("| pair (A vs B) | A ns/op | B ns/op | A ÷ B | middle half of A ÷ B | A − B (ns)"
                + " | rounds × ops |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Interleaved.Result r : pairList) {
            out.append("| ").append(r.a()).append(" vs ").append(r.b()).append(" | ")
                    .append(format("%.1f | %.1f | %.3f | %.3f–%.3f | %+.1f | %d × %d", r.aNs(), r.bNs(), r.ratio(),
                            r.ratioQ1(), r.ratioQ3(), r.diffNs(), r.rounds(), r.opsPerBatch()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The whole of {@code docs/benchmarks.md}. */
    String document() {
        return """
                # Benchmarks

                How much a keep-alive call through this library costs, against the physical limit (the same \
                system call made in a C loop) and against what a user would pick instead (the JDK's socket \
                options, JNA, JNI, hand-written FFM). Every figure below comes from one run of the command \
                below on the machine below, on connected loopback TCP sockets (JMH runs each row in a JVM of its \
                own, on a connection of its own; the interleaved pairs share one).

                ## Run

                %s
                To refresh this page, run the command: the report generator writes the whole page to \
                `target/bench/benchmarks.md` (next to the raw `jmh.json`, `interleaved.csv`, `results.md` and \
                `chart.png`); copy it over this file and `chart.png` over `docs/benchmarks-chart.png`.

                ![ns per call by mechanism](benchmarks-chart.png)


                ## How to read it

                - **ns/op** is JMH's average time per call, as the median of the measurement iterations (a \
                burst of another process moves a mean, not a median); **iterations** gives the fastest and \
                slowest iteration. **B/op** is JMH's `gc.alloc.rate.norm`: bytes allocated on the Java heap per \
                call. The raw JMH output (means and errors) is `target/bench/jmh.json`.
                - **÷ C loop** is the row's time over the C loop's for the same operation: 1.000 is the \
                physical limit. **− C loop** is the same as a difference, in ns: what Java, the binding and the \
                library add to the system call. **JDK ÷ this** is how many times faster the row is than the \
                JDK's own way of making the call (above 1: faster than the JDK).
                - The C loop is called once per batch of calls through one FFM downcall, so its figure is the \
                system call alone. JMH runs one benchmark after another, minutes apart; on a shared 2-core \
                machine that drift alone is 10–30%%, more than the differences that matter here (tens of ns \
                on a call of a few hundred). So the ratios that the targets are about are measured a second \
                way, **interleaved**: the library and its reference run in alternating A-B-B-A batches in one \
                JVM on one socket, and \
                the figure is the median of the per-round ratios and differences. The targets are judged on the \
                interleaved figures; the JMH figures are shown beside them.
                - A row that is missing was not run: the JDK has no `TCP_USER_TIMEOUT`, `Socket` has only \
                `setKeepAlive`/`getKeepAlive`, and without a C compiler at build time the C loop and JNI rows \
                are skipped.

                ## Targets

                %s
                %s
                ## The library's hot path

                Per single-option call the library takes the socket's close lock (for JDK sockets the JDK's own, \
                held so that a concurrent close cannot hand the descriptor's number to another socket \
                mid-call), checks that the socket is open, looks the option up in the OS's table, checks the \
                range and converts a `Duration` to the OS's unit, writes the value into scratch memory made once \
                per `SocketKeepAlive`, and makes one plain FFM downcall. `errno` is captured only when a call \
                has failed, by making it again through a handle that captures it (a failed `setsockopt` or \
                `getsockopt` changes nothing, so repeating it is safe). `Linker.Option.critical` is not used: \
                the FFM API reserves it for functions about as short as an empty one and warns that other uses \
                may crash the JVM, and `setsockopt` can sleep on the kernel's socket lock.

                %s
                ## Interleaved pairs

                %s
                ## Every row (JMH)

                %s""".formatted(runSection(), targetsIntro(), targets(), floor(), interleaved(), tables());
    }

    /** Why the percentage targets depend on the machine, with this run's cost of the system call. */
    private String targetsIntro() {
        Interleaved.Result pair = pairs.get("setEnabled vs C loop");
        Measured c = measured.get("SetOptionBench.c_loop:SO_KEEPALIVE");
        double cNs = pair != null ? pair.bNs() : c != null ? c.ns() : Double.NaN;
        Interleaved.Result ffm = pairs.get("FFM plain vs C loop");
        String here = Double.isNaN(cNs) ? ""
                : format(" Here it costs %.0f ns, so 3%% is %.1f ns%s.", cNs, 0.03 * cNs,
                        ffm != null && 0.03 * cNs < ffm.diffNs()
                                ? format(", less than a bare FFM downcall adds to it (%.1f ns)", ffm.diffNs()) : "");
        return "The targets were set on a machine where `setsockopt(SO_KEEPALIVE)` costs about 600 ns from C;"
                + " the fixed costs of reaching C weigh more, as a percentage, on a cheaper system call." + here
                + " The absolute limits (20 ns, 100 ns) carry over between machines better than the percentages.\n";
    }

    /** The README's performance section: the commands, the headline table, a link to the full page. */
    String readmeSection() {
        return """
                ## Performance

                ```sh
                mvn -B -Pbench -DskipTests verify                 # short suite, about 4 minutes: target/bench/
                mvn -B -Pbench -DskipTests verify -Dbench.full    # full suite, about 13 minutes
                ```

                The benchmarks (JMH, in `src/jmh`, built only by the `bench` profile; they need a C compiler for \
                the C-loop and JNI rows and skip those without one) time every keep-alive call on a loopback \
                socket against the same system call made in a C loop, the JDK's socket options, JNA, JNI and \
                hand-written FFM downcalls, and write a Markdown report, a chart and the raw JMH JSON to \
                `target/bench/`. Latest full run (%s, %d cores, Linux %s, JDK %s; a shared machine):

                %s
                Ratios: interleaved medians (alternating batches of the library and its reference in one JVM); \
                a figure marked * is a JMH median of the same run. Every library call returns in the time of \
                the system call plus one FFM downcall plus the JDK's close lock; the single-option calls \
                allocate nothing. `apply` makes 9 system calls where the JDK's four `setOption` calls make 4: \
                it reads every setting first, to roll back if the OS refuses one; where that cost matters, \
                call the single setters. Details, every \
                mechanism and how to read them: \
                [docs/benchmarks.md](docs/benchmarks.md).
                """.formatted(cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"),
                System.getProperty("java.runtime.version"), headline());
    }

    private String runSection() {
        return """
                - date: %s
                - machine: %s, %d cores, Linux %s; a machine shared with other people's builds, so the \
                figures are noisy (load average over the last 15 minutes when the report was written: %s, \
                about 1 of it the benchmark itself)
                - JDK: %s %s (`%s`)
                - command: `%s`
                - suite: %s
                """.formatted(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"), loadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.home"), command, suite);
    }

    /** The 15-minute load average from {@code /proc/loadavg}, or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "unknown";
        }
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
        Files.writeString(dir.resolve("results.md"), "## Targets\n\n" + targets() + "\n" + floor()
                + "\n## Interleaved pairs\n\n"
                + interleaved() + "\n## Every row (JMH)\n\n" + tables());
        Files.writeString(dir.resolve("benchmarks.md"), document());
        Files.writeString(dir.resolve("readme-section.md"), readmeSection());
        StringBuilder csv = new StringBuilder("pair,a,b,a_ns,b_ns,ratio,ratio_q1,ratio_q3,diff_ns,rounds,ops\n");
        for (Interleaved.Result r : pairList) {
            csv.append(format("\"%s\",\"%s\",\"%s\",%.2f,%.2f,%.4f,%.4f,%.4f,%.2f,%d,%d%n", r.id(), r.a(), r.b(),
                    r.aNs(), r.bNs(), r.ratio(), r.ratioQ1(), r.ratioQ3(), r.diffNs(), r.rounds(), r.opsPerBatch()));
        }
        Files.writeString(dir.resolve("interleaved.csv"), csv);
        chart(dir.resolve("chart.png"));
    }

    /** A bar chart of ns per call for set and get {@code SO_KEEPALIVE}, one bar pair per mechanism. */
    private void chart(Path file) throws IOException {
        String[][] mechanisms = {
            {"C loop", "SetOptionBench.c_loop:SO_KEEPALIVE", "GetOptionBench.c_loop"},
            {"this library", "LibraryBench.library_setEnabled", "LibraryBench.library_isEnabled"},
            {"FFM plain", "SetOptionBench.ffm_plain:SO_KEEPALIVE", "GetOptionBench.ffm_plain"},
            {"FFM critical", "SetOptionBench.ffm_critical:SO_KEEPALIVE", "GetOptionBench.ffm_critical"},
            {"FFM errno", "SetOptionBench.ffm_errno:SO_KEEPALIVE", "GetOptionBench.ffm_errno"},
            {"FFM arena/call", "SetOptionBench.ffm_arenaPerCall:SO_KEEPALIVE", "GetOptionBench.ffm_arenaPerCall"},
            {"JNI", "SetOptionBench.jni:SO_KEEPALIVE", "GetOptionBench.jni"},
            {"JDK channel", "JdkBench.jdk_channelSetKeepAlive", "JdkBench.jdk_channelGetKeepAlive"},
            {"JDK Socket", "JdkBench.jdk_socketSetKeepAlive", "JdkBench.jdk_socketGetKeepAlive"},
            {"JNA direct", "SetOptionBench.jna_direct:SO_KEEPALIVE", "GetOptionBench.jna_direct"},
            {"JNA interface", "SetOptionBench.jna_interface:SO_KEEPALIVE", "GetOptionBench.jna_interface"},
        };
        List<String[]> present = new ArrayList<>();
        for (String[] mechanism : mechanisms) {
            if (measured.containsKey(mechanism[1]) && measured.containsKey(mechanism[2])) {
                present.add(mechanism);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        // the C loop first, as the reference; the others from fastest to slowest
        present.subList(present.get(0)[0].equals("C loop") ? 1 : 0, present.size())
                .sort(Comparator.comparingDouble(m -> measured.get(m[1]).ns()));
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(750)
                .title("SO_KEEPALIVE on a loopback socket: ns per call by mechanism (JMH median, lower is better)")
                .xAxisTitle("mechanism").yAxisTitle("ns per call").build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xff7f0e)});
        styler.setLabelsVisible(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setDecimalPattern("#");
        styler.setXAxisLabelRotation(20);
        List<String> labels = present.stream().map(m -> m[0]).toList();
        chart.addSeries("setsockopt SO_KEEPALIVE", labels, present.stream().map(m -> measured.get(m[1]).ns()).toList());
        chart.addSeries("getsockopt SO_KEEPALIVE", labels, present.stream().map(m -> measured.get(m[2]).ns()).toList());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
