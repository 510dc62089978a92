package dev.keepalive;

import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * Run by {@link NoLeakSoakIT} in a child JVM with native memory tracking: warms up, measures, makes a fixed
 * number of rounds across threads, measures half-way and at the end, and prints {@code name=value} lines. Each
 * round makes a new view (of a channel, a server channel or a raw handle, in turn) and calls it; rounds in
 * between also call the long-lived views' setters and getters, {@code apply}, {@code current},
 * {@code effective()}, {@code systemDefaults()}, calls the OS refuses (a UDP socket's and a Unix-domain socket's
 * TCP options, so the errno-capturing path runs), values refused before any call, and calls on a socket opened
 * and closed.
 *
 * <p>Arguments: warm-up rounds, measured rounds.
 */
final class SoakWorkload {

    private static final int THREADS = 2;
    /** Counted per kind of call, printed as {@code <name>=<count>}. */
    private static final String[] COUNTED = {"views", "calls", "effective", "systemDefaults", "refusedByTheOs",
        "refusedBeforeACall", "closedSocketCalls"};
    private static final int VIEWS = 0;
    private static final int CALLS = 1;
    private static final int EFFECTIVE = 2;
    private static final int SYSTEM_DEFAULTS = 3;
    private static final int REFUSED_BY_THE_OS = 4;
    private static final int REFUSED_BEFORE_A_CALL = 5;
    private static final int CLOSED_SOCKET_CALLS = 6;

    /**
     * NMT's lines in KB, the scale every JDK takes: a category's malloc reads {@code (malloc=34KB type=Other #3)}
     * up to JDK 23 and {@code (malloc=34KB tag=Other #3)} from JDK 24.
     */
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_MALLOC = Pattern.compile("^\\s*malloc: (\\d+)KB", Pattern.MULTILINE);
    private static final Pattern NMT_CATEGORY_MALLOC =
            Pattern.compile("\\(malloc=(\\d+)KB (?:type|tag)=([^#)]+?)(?: #\\d+)?\\)");
    /** Categories NMT always reports with some malloc; fewer found means the output was not understood. */
    private static final int MIN_CATEGORIES = 8;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(5);

    private SoakWorkload() {
    }

    public static void main(String[] args) throws Exception {
        long warmUp = Long.parseLong(args[0]);
        long rounds = Long.parseLong(args[1]);
        String[] names = {"fds", "rssKB", "nmtCommittedKB", "nmtMallocKB", "nmtMallocOutsideJitKB", "nmtOtherKB"};
        Path directory = Files.createTempDirectory("soak");
        try (Sockets sockets = Sockets.open(directory)) {
            run(sockets, warmUp);
            // three points: after the warm-up, half-way, at the end; a leak grows in both halves alike
            List<long[]> points = new ArrayList<>();
            points.add(measure());
            long start = System.nanoTime();
            AtomicLongArray counts = new AtomicLongArray(COUNTED.length);
            for (int half = 0; half < 2; half++) {
                AtomicLongArray made = run(sockets, rounds / 2);
                for (int i = 0; i < COUNTED.length; i++) {
                    counts.addAndGet(i, made.get(i));
                }
                points.add(measure());
            }
            System.out.printf("seconds=%.1f%n", (System.nanoTime() - start) / 1e9);
            for (int i = 0; i < COUNTED.length; i++) {
                System.out.println(COUNTED[i] + "=" + counts.get(i));
            }
            for (int i = 0; i < names.length; i++) {
                System.out.println(names[i] + "=" + points.get(0)[i] + "," + points.get(1)[i] + ","
                        + points.get(2)[i]);
            }
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    /** The sockets every thread shares: a TCP pair, a UDP socket and a Unix-domain pair. */
    private record Sockets(Loopback tcp, DatagramChannel udp, ServerSocketChannel unixServer, SocketChannel unix)
            implements AutoCloseable {

        static Sockets open(Path directory) throws IOException {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("soak.sock"));
            ServerSocketChannel unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
            return new Sockets(Loopback.open("127.0.0.1"), DatagramChannel.open(), unixServer,
                    SocketChannel.open(address));
        }

        @Override
        public void close() throws IOException {
            try (tcp; udp; unixServer; unix) {
                // closes all
            }
        }
    }

    /** Makes about {@code rounds} rounds, split over the threads; returns what was made, by kind. */
    private static AtomicLongArray run(Sockets sockets, long rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLongArray made = new AtomicLongArray(COUNTED.length);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(pool.submit(() -> {
                    rounds(sockets, rounds / THREADS, made);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return made;
    }

    private static void rounds(Sockets sockets, long rounds, AtomicLongArray made) throws IOException {
        Duration idle = Duration.ofSeconds(30);
        KeepAlive settings = KeepAlive.builder().idle(idle).interval(Duration.ofSeconds(5)).probes(4).build();
        long[] counts = new long[COUNTED.length];
        int handle = Descriptors.of(sockets.tcp().accepted);
        try (Loopback own = Loopback.open("127.0.0.1")) {
            SocketKeepAlive mine = SocketKeepAlive.of(own.client);
            SocketKeepAlive udp = SocketKeepAlive.ofHandle(Descriptors.of(sockets.udp()));
            SocketKeepAlive unix = SocketKeepAlive.of(sockets.unix());
            for (long i = 0; i < rounds; i++) {
                SocketKeepAlive view = switch ((int) (i % 3)) {
                    case 0 -> SocketKeepAlive.of(sockets.tcp().client);
                    case 1 -> SocketKeepAlive.of(sockets.tcp().server);
                    default -> SocketKeepAlive.ofHandle(handle);
                };
                view.setIdle(idle);
                counts[VIEWS]++;
                counts[CALLS]++;
                if (i % 4 == 0) {
                    mine.setEnabled((i & 1) == 0);
                    mine.isEnabled();
                    mine.setInterval(idle);
                    mine.setProbes(3);
                    mine.setUserTimeout(Duration.ofMillis(12_345));
                    counts[CALLS] += 5;
                }
                if (i % 16 == 0) {
                    view.effective();
                    counts[EFFECTIVE]++;
                    refused(() -> udp.setIdle(idle), "TCP_KEEPIDLE", "ENOPROTOOPT");
                    refused(unix::current, "TCP_KEEPIDLE", "EOPNOTSUPP");
                    counts[REFUSED_BY_THE_OS] += 2;
                }
                if (i % 64 == 0) {
                    SocketKeepAlive.systemDefaults();
                    counts[SYSTEM_DEFAULTS]++;
                    mine.apply(settings);
                    mine.current();
                    counts[CALLS] += 2;
                    try {
                        mine.setProbes(0);
                        throw new IllegalStateException("probes 0 was taken");
                    } catch (IllegalArgumentException expected) {
                        counts[REFUSED_BEFORE_A_CALL]++;
                    }
                }
                if (i % 20_000 == 0) {
                    counts[CLOSED_SOCKET_CALLS] += viewsOnAFreshSocket(settings);
                }
            }
        }
        for (int i = 0; i < COUNTED.length; i++) {
            made.addAndGet(i, counts[i]);
        }
    }

    /** A call the OS must refuse, with this option and error name. */
    private static void refused(IoCall call, String option, String errorName) throws IOException {
        try {
            call.run();
        } catch (SocketOptionException e) {
            if (e.option().equals(option) && e.errorName().equals(errorName)) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException(option + " was not refused");
    }

    /** An I/O call. */
    @FunctionalInterface
    private interface IoCall {
        void run() throws IOException;
    }

    /** Views made and used on a socket that is then closed, and a call on it after the close. */
    private static long viewsOnAFreshSocket(KeepAlive settings) throws IOException {
        Loopback fresh = Loopback.open("127.0.0.1");
        SocketKeepAlive view = SocketKeepAlive.of(fresh.client);
        view.apply(settings);
        SocketKeepAlive.of(fresh.server).setEnabled(true);
        fresh.close();
        try {
            view.current();
            throw new IllegalStateException("a closed socket was read");
        } catch (ClosedChannelException expected) {
            return 1;
        }
    }

    /**
     * Open descriptors, resident memory, and NMT's committed total, its malloc total, the malloc
     * of every category but the JIT compilers' scratch memory (which comes and goes as methods are compiled), and
     * the "Other" malloc, where memory from {@code Arena} and {@code Unsafe} is counted. Measured once the memory
     * of unreachable arenas is given back: after a collection, their cleaners free it on a thread of their own.
     */
    private static long[] measure() throws Exception {
        String nmt = settledNmt();
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.count() - 1; // the listing's own descriptor
        }
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        return new long[] {fds, rss, find(NMT_TOTAL, nmt), find(NMT_MALLOC, nmt), mallocOutsideJit(nmt),
            other(nmt)};
    }

    /** NMT's summary once "Other" stops shrinking after collections, or after the settle limit. */
    private static String settledNmt() throws Exception {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        String nmt = nmt();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 50 && System.nanoTime() < deadline; i++) {
            System.gc();
            Thread.sleep(50);
            nmt = nmt();
            long other = other(nmt);
            if (other >= previous) {
                break;
            }
            previous = other;
        }
        return nmt;
    }

    /** Malloc by category; fails unless the usual categories were all found, so a changed format cannot pass. */
    static java.util.Map<String, Long> mallocByCategory(String nmt) {
        java.util.Map<String, Long> categories = new java.util.TreeMap<>();
        Matcher category = NMT_CATEGORY_MALLOC.matcher(nmt);
        while (category.find()) {
            categories.merge(category.group(2).strip(), Long.parseLong(category.group(1)), Long::sum);
        }
        if (categories.size() < MIN_CATEGORIES || !categories.containsKey("Other")
                || !categories.containsKey("Thread")) {
            throw new IllegalStateException("NMT categories not understood (found " + categories.keySet()
                    + ") in:\n" + nmt);
        }
        return categories;
    }

    private static long mallocOutsideJit(String nmt) {
        return mallocByCategory(nmt).entrySet().stream()
                .filter(e -> !e.getKey().equals("Arena Chunk") && !e.getKey().equals("Compiler"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    private static long other(String nmt) {
        return mallocByCategory(nmt).get("Other");
    }

    private static String nmt() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
    }

    private static long find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in:\n" + text);
        }
        return Long.parseLong(matcher.group(1));
    }
}
