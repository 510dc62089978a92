package dev.keepalive.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The interleaved mode: for each pair (a mechanism and its reference, such as the library's
 * {@code setEnabled} and the C loop making the same call) batches of A and B run in A-B-B-A order, round after
 * round, in one JVM on one socket, and the figures are the medians of the per-round ratios and
 * differences. Drift of the shared machine (another process waking up, frequency changes) hits both sides of
 * a round alike and cancels in the ratio, which separate JMH runs minutes apart cannot do. The code measured
 * is the benchmark classes' own methods.
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

    /**
     * The outcome of one pair: medians of the per-round ns per operation of each side, of A/B and of A-B (ns),
     * and the middle half of the ratios (the 25th and 75th percentiles).
     */
    record Result(String id, String a, String b, double aNs, double bNs, double ratio, double diffNs,
                  double ratioQ1, double ratioQ3, int rounds, int opsPerBatch) {
    }

    /** How long to warm up, how many rounds, and how long one batch should take. */
    record Plan(long warmupNanos, int rounds, long batchNanos) {
    }

    private static volatile long sink;

    private final LibraryBench library = new LibraryBench();
    private final JdkBench jdk = new JdkBench();
    private final CompositeBench composite = new CompositeBench();
    private final GetOptionBench get = new GetOptionBench();
    private final Map<SockOpt, SetOptionBench> set = new EnumMap<>(SockOpt.class);

    private Interleaved() throws Throwable {
        library.open();
        try {
            jdk.share(library);
            composite.share(library);
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
     * Measures every pair.
     *
     * @param plan the warm-up, round count and batch duration
     * @param log where progress goes
     * @return one result per pair, in order
     */
    static List<Result> run(Plan plan, java.io.PrintStream log) throws Throwable {
        Interleaved fixture = new Interleaved();
        try {
            List<Result> results = new ArrayList<>();
            for (Pair pair : fixture.pairs()) {
                Result result = measure(pair, plan);
                log.printf("[interleaved] %-34s %8.1f ns vs %8.1f ns  ratio %.3f  diff %+7.1f ns%n", pair.id(),
                        result.aNs(), result.bNs(), result.ratio(), result.diffNs());
                results.add(result);
            }
            return results;
        } finally {
            fixture.close();
        }
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        Side setEnabled = new Side("library setEnabled", 1, n -> {
            for (int i = 0; i < n; i++) {
                library.library_setEnabled();
            }
            return n;
        });
        Side isEnabled = new Side("library isEnabled", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += library.library_isEnabled() ? 1 : 0;
            }
            return sum;
        });
        Side setIdle = new Side("library setIdle", 1, n -> {
            for (int i = 0; i < n; i++) {
                library.library_setIdle();
            }
            return n;
        });
        if (Natives.AVAILABLE) {
            pairs.add(new Pair("setEnabled vs C loop", setEnabled, cSet(SockOpt.SO_KEEPALIVE)));
            pairs.add(new Pair("isEnabled vs C loop", isEnabled, new Side("C loop getsockopt", SetOptionBench.BATCH,
                    n -> failures(n / SetOptionBench.BATCH, get::c_loop))));
            pairs.add(new Pair("setIdle vs C loop", setIdle, cSet(SockOpt.TCP_KEEPIDLE)));
            pairs.add(new Pair("setInterval vs C loop", new Side("library setInterval", 1, n -> {
                for (int i = 0; i < n; i++) {
                    library.library_setInterval();
                }
                return n;
            }), cSet(SockOpt.TCP_KEEPINTVL)));
            pairs.add(new Pair("setProbes vs C loop", new Side("library setProbes", 1, n -> {
                for (int i = 0; i < n; i++) {
                    library.library_setProbes();
                }
                return n;
            }), cSet(SockOpt.TCP_KEEPCNT)));
            pairs.add(new Pair("setUserTimeout vs C loop", new Side("library setUserTimeout", 1, n -> {
                for (int i = 0; i < n; i++) {
                    library.library_setUserTimeout();
                }
                return n;
            }), cSet(SockOpt.TCP_USER_TIMEOUT)));
            pairs.add(new Pair("apply vs C loop (9 calls)", new Side("library apply", 1, n -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += applyProbes();
                }
                return sum;
            }), new Side("C loop of apply's calls", CompositeBench.BATCH,
                    n -> failures(n / CompositeBench.BATCH, composite::c_applyLoop))));
            pairs.add(new Pair("current vs C loop (5 calls)", new Side("library current", 1, n -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += composite.library_current().probes().orElse(0);
                }
                return sum;
            }), new Side("C loop of current's calls", CompositeBench.BATCH,
                    n -> failures(n / CompositeBench.BATCH, composite::c_currentLoop))));
        }
        pairs.add(new Pair("setEnabled vs JDK setOption", setEnabled, new Side("SocketChannel.setOption", 1, n -> {
            for (int i = 0; i < n; i++) {
                jdk.jdk_channelSetKeepAlive();
            }
            return n;
        })));
        pairs.add(new Pair("setIdle vs JDK setOption", setIdle, new Side("setOption(TCP_KEEPIDLE)", 1, n -> {
            for (int i = 0; i < n; i++) {
                jdk.jdk_channelSetKeepIdle();
            }
            return n;
        })));
        pairs.add(new Pair("isEnabled vs JDK getOption", isEnabled, new Side("SocketChannel.getOption", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += jdk.jdk_channelGetKeepAlive() ? 1 : 0;
            }
            return sum;
        })));
        SetOptionBench keepAlive = set.get(SockOpt.SO_KEEPALIVE);
        pairs.add(new Pair("setEnabled vs JNA direct", setEnabled, new Side("JNA direct setsockopt", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += keepAlive.jna_direct();
            }
            return sum;
        })));
        Side ffmPlain = new Side("FFM plain setsockopt", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += keepAlive.ffm_plain();
            }
            return sum;
        });
        if (Natives.AVAILABLE) {
            pairs.add(new Pair("FFM plain vs C loop", ffmPlain, cSet(SockOpt.SO_KEEPALIVE)));
        }
        Side ffmLocked = new Side("FFM plain setsockopt under the close lock", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += keepAlive.ffm_plainLocked();
            }
            return sum;
        });
        pairs.add(new Pair("setEnabled vs FFM plain", setEnabled, ffmPlain));
        pairs.add(new Pair("FFM locked vs FFM plain", ffmLocked, ffmPlain));
        pairs.add(new Pair("setEnabled vs FFM locked", setEnabled, ffmLocked));
        pairs.add(new Pair("FFM plain vs FFM errno", ffmPlain, new Side("FFM errno-capturing setsockopt", 1, n -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += keepAlive.ffm_errno();
            }
            return sum;
        })));
        return pairs;
    }

    private long applyProbes() throws Exception {
        return composite.library_apply().probes().orElse(0);
    }

    private Side cSet(SockOpt option) {
        SetOptionBench bench = set.get(option);
        return new Side("C loop setsockopt " + option, SetOptionBench.BATCH,
                n -> failures(n / SetOptionBench.BATCH, bench::c_loop));
    }

    /** Calls a C loop {@code calls} times; fails if any of its system calls failed. */
    private static long failures(int calls, CLoop loop) throws Throwable {
        long failures = 0;
        for (int i = 0; i < calls; i++) {
            failures += loop.call();
        }
        if (failures != 0) {
            throw new IllegalStateException(failures + " system calls failed in a C loop");
        }
        return calls;
    }

    @FunctionalInterface
    private interface CLoop {
        int call() throws Throwable;
    }

    private static Result measure(Pair pair, Plan plan) throws Throwable {
        int unit = Math.max(pair.a().unit(), pair.b().unit());
        int ops = calibrate(pair, unit, plan.batchNanos());
        long warmupEnd = System.nanoTime() + plan.warmupNanos();
        while (System.nanoTime() < warmupEnd) {
            round(pair, ops);
        }
        ops = calibrate(pair, unit, plan.batchNanos()); // again, now that both sides are compiled
        double[] a = new double[plan.rounds()];
        double[] b = new double[plan.rounds()];
        double[] ratios = new double[plan.rounds()];
        double[] diffs = new double[plan.rounds()];
        for (int r = 0; r < plan.rounds(); r++) {
            long[] nanos = round(pair, ops);
            a[r] = nanos[0] / (2.0 * ops);
            b[r] = nanos[1] / (2.0 * ops);
            ratios[r] = a[r] / b[r];
            diffs[r] = a[r] - b[r];
        }
        Arrays.sort(ratios);
        return new Result(pair.id(), pair.a().label(), pair.b().label(), median(a), median(b), median(ratios),
                median(diffs), ratios[ratios.length / 4], ratios[(3 * ratios.length) / 4], plan.rounds(), ops);
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private void close() throws java.io.IOException {
        library.close();
    }
}
