package dev.keepalive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The interleaved mode, run by {@link BenchMain} in several fresh JVMs: for each pair (a mechanism and its
 * reference, such as the library's {@code setEnabled} and the C loop making the same call) batches of A and B
 * run in A-B-B-A order, round after round, in one JVM on one socket (keep-alive on). Drift of the shared
 * machine hits both sides of a round alike and cancels in the round's ratio and difference. The pairs run in
 * an order shuffled per JVM, so that no pair always runs first (colder) or last. This class only measures: it
 * writes every round of every pair to a CSV file, and {@link PairStats} turns the rounds of all JVMs into
 * medians with bootstrap intervals. The code measured is the benchmark classes' own methods.
 */
final class Interleaved {

    /** Runs {@code n} operations of one side and returns a value that depends on all of them. */
    @FunctionalInterface
    interface Batch {
        long run(int n) throws Throwable;
    }

    /** One side of a pair. {@code unit}: the operation count must be a multiple of it (C loops' batches). */
    record Side(String label, int unit, Batch batch) {
    }

    /** A mechanism and its reference. */
    record Pair(String id, Side a, Side b) {
    }

    /** How long to warm up each pair, how many rounds, and how long one batch should take. */
    record Plan(long warmupNanos, int rounds, long batchNanos) {
    }

    private static volatile long sink;

    private final LibraryBench library = new LibraryBench();
    private final JdkBench jdk = new JdkBench();
    private final CompositeBench composite = new CompositeBench();
    private final ConnectionBench connection = new ConnectionBench();
    private final GetOptionBench get = new GetOptionBench();
    private final Map<SockOpt, SetOptionBench> set = new EnumMap<>(SockOpt.class);

    private Interleaved() throws Throwable {
        library.open();
        try {
            jdk.share(library);
            composite.share(library);
            connection.share(library);
            get.share(library);
            for (SockOpt option : SockOpt.values()) {
                SetOptionBench bench = new SetOptionBench();
                bench.option = option;
                bench.share(library);
                set.put(option, bench);
            }
        } catch (Throwable failure) {
            library.close();
            throw failure;
        }
    }

    /**
     * Measures every pair in an order shuffled by the seed and writes the rounds as CSV.
     *
     * @param args the output file, the seed, the warm-up per pair (ms), the rounds, the batch duration (µs)
     */
    public static void main(String[] args) throws Throwable {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        Plan plan = new Plan(Long.parseLong(args[2]) * 1_000_000L, Integer.parseInt(args[3]),
                Long.parseLong(args[4]) * 1_000L);
        Interleaved fixture = new Interleaved();
        try {
            List<Pair> pairs = new ArrayList<>(fixture.pairs());
            Collections.shuffle(pairs, new Random(seed));
            StringBuilder csv = new StringBuilder();
            for (Pair pair : pairs) {
                measure(pair, plan, csv);
                System.out.println("[interleaved] " + pair.id());
            }
            Files.writeString(out, csv);
        } finally {
            fixture.close();
        }
    }

    /** The pairs; ids are what {@link Report} looks results up by. */
    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        Side setEnabled = loop("library setEnabled", library::library_setEnabled);
        Side isEnabled = new Side("library isEnabled", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += library.library_isEnabled() ? 1 : 0;
            }
            return sum;
        });
        Map<SockOpt, Side> librarySet = new EnumMap<>(SockOpt.class);
        librarySet.put(SockOpt.SO_KEEPALIVE, setEnabled);
        librarySet.put(SockOpt.TCP_KEEPIDLE, loop("library setIdle", library::library_setIdle));
        librarySet.put(SockOpt.TCP_KEEPINTVL, loop("library setInterval", library::library_setInterval));
        librarySet.put(SockOpt.TCP_KEEPCNT, loop("library setProbes", library::library_setProbes));
        librarySet.put(SockOpt.TCP_USER_TIMEOUT, loop("library setUserTimeout", library::library_setUserTimeout));
        // the safe floor: a plain downcall of the same call under the JDK's close lock
        for (Map.Entry<SockOpt, Side> entry : librarySet.entrySet()) {
            SetOptionBench raw = set.get(entry.getKey());
            pairs.add(new Pair(entry.getValue().label().substring("library ".length()) + " vs floor",
                    entry.getValue(), counted("FFM setsockopt " + entry.getKey() + " under the close lock",
                            raw::ffm_plainLocked)));
        }
        pairs.add(new Pair("isEnabled vs floor", isEnabled,
                counted("FFM getsockopt SO_KEEPALIVE under the close lock", get::ffm_plainLocked)));
        // never slower than the JDK
        pairs.add(new Pair("setEnabled vs JDK", setEnabled,
                loop("SocketChannel.setOption(SO_KEEPALIVE)", jdk::jdk_channelSetKeepAlive)));
        pairs.add(new Pair("setIdle vs JDK", librarySet.get(SockOpt.TCP_KEEPIDLE),
                loop("setOption(TCP_KEEPIDLE)", jdk::jdk_channelSetKeepIdle)));
        pairs.add(new Pair("setInterval vs JDK", librarySet.get(SockOpt.TCP_KEEPINTVL),
                loop("setOption(TCP_KEEPINTERVAL)", jdk::jdk_channelSetKeepInterval)));
        pairs.add(new Pair("setProbes vs JDK", librarySet.get(SockOpt.TCP_KEEPCNT),
                loop("setOption(TCP_KEEPCOUNT)", jdk::jdk_channelSetKeepCount)));
        pairs.add(new Pair("isEnabled vs JDK", isEnabled, new Side("SocketChannel.getOption(SO_KEEPALIVE)", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += jdk.jdk_channelGetKeepAlive() ? 1 : 0;
            }
            return sum;
        })));
        SetOptionBench keepAlive = set.get(SockOpt.SO_KEEPALIVE);
        pairs.add(new Pair("setEnabled vs JNA direct", setEnabled,
                counted("JNA direct setsockopt SO_KEEPALIVE", keepAlive::jna_direct)));
        Side apply = new Side("library apply", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += composite.library_apply().probes().orElse(0);
            }
            return sum;
        });
        Side ofApply = new Side("library of(channel).apply", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += connection.library_ofApply().probes().orElse(0);
            }
            return sum;
        });
        Side jdkFour = loop("JDK: 4 setOption calls", connection::jdk_fourSetOptions);
        pairs.add(new Pair("apply vs JDK", apply, jdkFour));
        pairs.add(new Pair("of.apply vs JDK", ofApply, jdkFour));
        pairs.add(new Pair("of.apply vs apply", ofApply, apply));
        Side applyFloor = counted("FFM: apply's calls under the close lock", composite::ffm_applyFloor);
        pairs.add(new Pair("apply vs floor", apply, applyFloor));
        if (Natives.AVAILABLE) {
            Side cApply = new Side("C loop of apply's calls", CompositeBench.BATCH,
                    n -> failures(n / CompositeBench.BATCH, composite::c_applyLoop));
            pairs.add(new Pair("apply vs C", apply, cApply));
            pairs.add(new Pair("of.apply vs C", ofApply, cApply));
            pairs.add(new Pair("apply floor vs C", applyFloor, cApply));
            // every SO_KEEPALIVE mechanism against the system call alone, for the chart
            Side c = new Side("C loop setsockopt SO_KEEPALIVE", SetOptionBench.BATCH,
                    n -> failures(n / SetOptionBench.BATCH, keepAlive::c_loop));
            pairs.add(new Pair("setEnabled vs C", setEnabled, c));
            pairs.add(new Pair("FFM plain vs C", counted("FFM plain setsockopt", keepAlive::ffm_plain), c));
            pairs.add(new Pair("FFM locked vs C",
                    counted("FFM plain setsockopt under the close lock", keepAlive::ffm_plainLocked), c));
            pairs.add(new Pair("FFM critical vs C", counted("FFM critical setsockopt", keepAlive::ffm_critical), c));
            pairs.add(new Pair("JNI vs C", counted("JNI setsockopt", keepAlive::jni), c));
            pairs.add(new Pair("JDK setOption vs C", loop("SocketChannel.setOption(SO_KEEPALIVE)",
                    jdk::jdk_channelSetKeepAlive), c));
            pairs.add(new Pair("JNA direct vs C", counted("JNA direct setsockopt", keepAlive::jna_direct), c));
        }
        return pairs;
    }

    /** A side that calls a void operation {@code n} times. */
    private static Side loop(String label, VoidCall call) {
        return new Side(label, 1, n -> {
            for (int i = 0; i < n; i++) {
                call.run();
            }
            return n;
        });
    }

    /** A side that calls an int-returning operation {@code n} times and sums the results. */
    private static Side counted(String label, IntCall call) {
        return new Side(label, 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += call.run();
            }
            return sum;
        });
    }

    @FunctionalInterface
    private interface VoidCall {
        void run() throws Throwable;
    }

    @FunctionalInterface
    private interface IntCall {
        int run() throws Throwable;
    }

    /** Calls a C loop {@code calls} times; fails if any of its system calls failed. */
    private static long failures(int calls, IntCall loop) throws Throwable {
        long failures = 0;
        for (int i = 0; i < calls; i++) {
            failures += loop.run();
        }
        if (failures != 0) {
            throw new IllegalStateException(failures + " system calls failed in a C loop");
        }
        return calls;
    }

    private static void measure(Pair pair, Plan plan, StringBuilder csv) throws Throwable {
        int unit = Math.max(pair.a().unit(), pair.b().unit());
        int ops = calibrate(pair, unit, plan.batchNanos());
        long warmupEnd = System.nanoTime() + plan.warmupNanos();
        while (System.nanoTime() < warmupEnd) {
            round(pair, ops);
        }
        ops = calibrate(pair, unit, plan.batchNanos()); // again, now that both sides are compiled
        for (int r = 0; r < plan.rounds(); r++) {
            long[] nanos = round(pair, ops);
            csv.append(String.format(Locale.ROOT, "\"%s\",\"%s\",\"%s\",%d,%.3f,%.3f,%d%n", pair.id(),
                    pair.a().label(), pair.b().label(), r, nanos[0] / (2.0 * ops), nanos[1] / (2.0 * ops), ops));
        }
    }

    /** One A-B-B-A round: the total nanoseconds of A's two batches and of B's two. */
    private static long[] round(Pair pair, int ops) throws Throwable {
        long a = time(pair.a(), ops);
        long b = time(pair.b(), ops);
        b += time(pair.b(), ops);
        a += time(pair.a(), ops);
        return new long[] {a, b};
    }

    private static long time(Side side, int ops) throws Throwable {
        long start = System.nanoTime();
        long result = side.batch().run(ops);
        long elapsed = System.nanoTime() - start;
        sink += result;
        return elapsed;
    }

    /** The operation count (a multiple of {@code unit}) for which the slower side's batch takes about the target. */
    private static int calibrate(Pair pair, int unit, long batchNanos) throws Throwable {
        int probe = Math.max(unit, 1000 / unit * unit);
        double perOp = 0;
        for (int i = 0; i < 3; i++) {
            perOp = Math.max(time(pair.a(), probe), time(pair.b(), probe)) / (double) probe;
        }
        long ops = Math.round(batchNanos / Math.max(perOp, 1.0));
        return (int) Math.max(unit, Math.min(1_000_000, ops / unit * unit));
    }

    private void close() throws IOException {
        library.close();
    }
}
