package dev.keepalive;

import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * Run by {@link NoLeakSoakIT} in a child JVM with native memory tracking: warms up, measures, makes a fixed
 * number of library calls across threads (every kind of call, including refused and failing ones, new views,
 * and sockets opened and closed), measures again, and prints {@code name=value} lines.
 */
final class SoakWorkload {

    private static final int THREADS = 4;
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_MALLOC = Pattern.compile("^\\s*malloc: (\\d+)KB", Pattern.MULTILINE);
    private static final Pattern NMT_TAG_MALLOC = Pattern.compile("\\(malloc=(\\d+)KB tag=([A-Za-z ]+)");
    private static final Pattern NMT_OTHER = Pattern.compile("\\(malloc=(\\d+)KB tag=Other");

    private SoakWorkload() {
    }

    public static void main(String[] args) throws Exception {
        long warmUp = Long.parseLong(args[0]);
        long calls = Long.parseLong(args[1]);
        String[] names = {"fds", "rssKB", "nmtCommittedKB", "nmtMallocKB", "nmtMallocOutsideJitKB", "nmtOtherKB"};
        try (Loopback shared = Loopback.open("127.0.0.1")) {
            run(shared, warmUp);
            // three points: after the warm-up, half-way, at the end; a leak grows in both halves alike
            List<long[]> points = new ArrayList<>();
            points.add(measure());
            long start = System.nanoTime();
            long made = 0;
            for (int half = 0; half < 2; half++) {
                made += run(shared, calls / 2);
                points.add(measure());
            }
            System.out.printf("calls=%d%nseconds=%.1f%n", made, (System.nanoTime() - start) / 1e9);
            for (int i = 0; i < names.length; i++) {
                System.out.println(names[i] + "=" + points.get(0)[i] + "," + points.get(1)[i] + ","
                        + points.get(2)[i]);
            }
        }
    }

    /** Makes about {@code calls} library calls, split over the threads; returns how many were made. */
    private static long run(Loopback shared, long calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLong made = new AtomicLong();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(pool.submit(() -> {
                    made.addAndGet(callMany(shared, calls / THREADS));
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return made.get();
    }

    private static long callMany(Loopback shared, long calls) throws IOException {
        Duration idle = Duration.ofSeconds(30);
        Duration timeout = Duration.ofMillis(12_345);
        KeepAlive settings = KeepAlive.builder().idle(idle).interval(Duration.ofSeconds(5)).probes(4).build();
        long made = 0;
        try (Loopback own = Loopback.open("127.0.0.1")) {
            SocketKeepAlive mine = SocketKeepAlive.of(own.client);
            SocketKeepAlive common = SocketKeepAlive.of(shared.client);
            SocketKeepAlive raw = SocketKeepAlive.ofHandle(Descriptors.of(own.accepted));
            for (long i = 0; made < calls; i++) {
                mine.setEnabled((i & 1) == 0);
                mine.isEnabled();
                mine.setIdle(idle);
                common.setProbes(3);
                raw.setUserTimeout(timeout);
                raw.setInterval(idle);
                made += 6;
                if (i % 100 == 0) {
                    mine.apply(settings);
                    common.current();
                    made += 2;
                    try {
                        mine.setProbes(0);
                    } catch (IllegalArgumentException expected) {
                        made++;
                    }
                }
                if (i % 10_000 == 0) {
                    made += viewsOnAFreshSocket(settings);
                }
            }
        }
        return made;
    }

    /** Views made and used on a socket that is then closed, and calls on it after the close. */
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
            return 3;
        }
    }

    /**
     * Open descriptors, resident memory, NMT's committed total, its malloc total, the malloc of every category
     * but the JIT compilers' scratch memory (which comes and goes as methods are compiled), and the "Other"
     * malloc, where memory from {@code Arena} and {@code Unsafe} is counted.
     */
    private static long[] measure() throws Exception {
        System.gc();
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            fds = entries.count() - 1; // the listing's own descriptor
        }
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        String nmt = nmt("summary");
        return new long[] {fds, rss, find(NMT_TOTAL, nmt), find(NMT_MALLOC, nmt), mallocOutsideJit(nmt),
            find(NMT_OTHER, nmt)};
    }

    private static long mallocOutsideJit(String nmt) {
        long sum = 0;
        Matcher tag = NMT_TAG_MALLOC.matcher(nmt);
        while (tag.find()) {
            String category = tag.group(2).strip();
            if (!category.equals("Arena Chunk") && !category.equals("Compiler")) {
                sum += Long.parseLong(tag.group(1));
            }
        }
        return sum;
    }

    private static String nmt(String command) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {command, "scale=KB"}}, new String[] {String[].class.getName()});
    }

    private static long find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in:\n" + text);
        }
        return Long.parseLong(matcher.group(1));
    }
}
