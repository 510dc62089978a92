package dev.keepalive.bench;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.net.ExtendedSocketOptions;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The first call in a fresh JVM: each case runs in a JVM of its own, the cases alternate (library, bare FFM,
 * JDK, library, ...), and each JVM times only its first call, with the connection already open. Cases:
 * the library's first {@code SocketKeepAlive.of(channel).apply(idle, interval, probes)}; the bare FFM first
 * link and call (one {@code setsockopt} downcall handle made and called, the least any FFM binding must do);
 * the same with a {@code getsockopt} handle linked and called first (the least a binding pays that reads a
 * setting before it changes it, as an apply does to be able to roll back); the JDK's first four
 * {@code setOption} calls; and the library's first apply again with a JDK 25 AOT cache
 * made by one training run of the same program ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}). The
 * library's own share is its median minus the bare FFM median, with a bootstrap interval; its share over the
 * read-and-write floor is given too.
 */
public final class ColdStart {

    /** What a fresh JVM does first. */
    enum Case {
        LIBRARY("library: first of(channel).apply"),
        FFM("bare FFM: first setsockopt link and call"),
        FFM_READ_WRITE("bare FFM: first getsockopt (value read) and setsockopt links and calls"),
        JDK("JDK: first four setOption calls"),
        LIBRARY_AOT("library with a JDK 25 AOT cache: first of(channel).apply");

        final String text;

        Case(String text) {
            this.text = text;
        }
    }

    /** The medians (ms) per case with their intervals, and the library's own share. */
    record Summary(Map<Case, PairStats.Estimate> medians, PairStats.Estimate ownShare,
                   PairStats.Estimate overReadWrite, int jvms, String aot) {
    }

    private ColdStart() {
    }

    /** Runs one case in this JVM and prints the nanoseconds of its first call. */
    public static void main(String[] args) throws Throwable {
        Case which = Case.valueOf(args[0]);
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel channel = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept()) {
            int fd = which == Case.FFM || which == Case.FFM_READ_WRITE ? LoopbackSockets.descriptor(channel) : -1;
            long start = System.nanoTime();
            switch (which) {
                case LIBRARY, LIBRARY_AOT -> SocketKeepAlive.of(channel).apply(KeepAlive.builder()
                        .idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5)).probes(3).build());
                case FFM, FFM_READ_WRITE -> {
                    Linker linker = Linker.nativeLinker();
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment one = arena.allocate(JAVA_INT);
                        if (which == Case.FFM_READ_WRITE) {
                            MethodHandle getsockopt = linker.downcallHandle(linker.defaultLookup()
                                    .find("getsockopt").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT,
                                    JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
                            MemorySegment length = arena.allocate(JAVA_INT);
                            length.set(JAVA_INT, 0, 4);
                            if ((int) getsockopt.invokeExact(fd, SockOpt.SO_KEEPALIVE.level,
                                    SockOpt.SO_KEEPALIVE.number, one, length) != 0 || one.get(JAVA_INT, 0) < 0) {
                                throw new IllegalStateException("getsockopt failed");
                            }
                        }
                        MethodHandle setsockopt = linker.downcallHandle(linker.defaultLookup().find("setsockopt")
                                .orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                                JAVA_INT));
                        one.set(JAVA_INT, 0, 1);
                        if ((int) setsockopt.invokeExact(fd, SockOpt.SO_KEEPALIVE.level, SockOpt.SO_KEEPALIVE.number,
                                one, 4) != 0) {
                            throw new IllegalStateException("setsockopt failed");
                        }
                    }
                }
                case JDK -> {
                    channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 30);
                    channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 5);
                    channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                }
            }
            long elapsed = System.nanoTime() - start;
            if (!peer.isOpen()) {
                throw new IllegalStateException("peer closed");
            }
            System.out.println("first-call-ns " + elapsed);
        }
    }

    /**
     * Runs every case in {@code jvms} fresh JVMs, alternated.
     *
     * @param jvms JVMs per case
     * @param log where progress goes
     * @return the medians
     */
    static Summary measure(int jvms, PrintStream log) throws IOException, InterruptedException {
        Path cache = Files.createTempFile("keepalive-cold", ".aot");
        Files.delete(cache);
        String aot = "made by one training run of the same program with -XX:AOTCacheOutput";
        try {
            Forked.run(ColdStart.class, List.of("-XX:AOTCacheOutput=" + cache), Case.LIBRARY_AOT.name());
        } catch (IOException failure) {
            aot = "could not be made: " + failure.getMessage().lines().findFirst().orElse("");
        }
        boolean haveCache = Files.isRegularFile(cache);
        Map<Case, List<Double>> samples = new EnumMap<>(Case.class);
        for (int i = 0; i < jvms; i++) {
            for (Case which : Case.values()) {
                if (which == Case.LIBRARY_AOT && !haveCache) {
                    continue;
                }
                List<String> options = which == Case.LIBRARY_AOT ? List.of("-XX:AOTCache=" + cache) : List.of();
                String out = Forked.run(ColdStart.class, options, which.name());
                double ms = out.lines().filter(line -> line.startsWith("first-call-ns ")).findFirst()
                        .map(line -> Long.parseLong(line.substring("first-call-ns ".length())) / 1e6)
                        .orElseThrow(() -> new IOException("no timing from " + which + ":\n" + out));
                samples.computeIfAbsent(which, key -> new ArrayList<>()).add(ms);
            }
            log.println("[cold] round " + (i + 1) + " of " + jvms + ": " + samples);
        }
        Files.deleteIfExists(cache);
        Map<Case, PairStats.Estimate> medians = new EnumMap<>(Case.class);
        samples.forEach((which, values) -> medians.put(which, bootstrap(toArray(values), null)));
        PairStats.Estimate own = bootstrap(toArray(samples.get(Case.LIBRARY)), toArray(samples.get(Case.FFM)));
        PairStats.Estimate overReadWrite = bootstrap(toArray(samples.get(Case.LIBRARY)),
                toArray(samples.get(Case.FFM_READ_WRITE)));
        return new Summary(medians, own, overReadWrite, jvms, aot);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median of {@code a} (minus that of {@code b}, if given) with a 95% percentile bootstrap interval. */
    private static PairStats.Estimate bootstrap(double[] a, double[] b) {
        SplittableRandom random = new SplittableRandom(42);
        double[] resampled = new double[2000];
        for (int s = 0; s < resampled.length; s++) {
            resampled[s] = PairStats.median(resample(a, random)) - (b == null ? 0 : PairStats.median(resample(b, random)));
        }
        Arrays.sort(resampled);
        double point = PairStats.median(a) - (b == null ? 0 : PairStats.median(b));
        return new PairStats.Estimate(point, resampled[50], resampled[1949]);
    }

    private static double[] resample(double[] values, SplittableRandom random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[random.nextInt(values.length)];
        }
        return out;
    }
}
