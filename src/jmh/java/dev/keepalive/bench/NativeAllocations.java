package dev.keepalive.bench;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Counts the native allocations the library makes per connection, with the JVM's own native memory tracking
 * (run with {@code -XX:NativeMemoryTracking=summary}): the outstanding {@code malloc} count of the category
 * "Other", where the FFM API's {@code Arena} allocations go, before and after {@value #VIEWS} views are made
 * (all kept reachable, so that none is freed in between), on a platform thread and then one view and one apply
 * per new virtual thread, as a server with a virtual thread per connection runs. Prints one line per case,
 * {@code native allocations per view: <case> <count>}, and whether a collection ran in between.
 */
public final class NativeAllocations {

    static final int VIEWS = 10_000;
    private static final Pattern OTHER = Pattern.compile("-\\s+Other \\(.*?\\n\\s+\\(malloc=\\d+KB(?: tag=Other)? #(\\d+)",
            Pattern.DOTALL);

    private NativeAllocations() {
    }

    public static void main(String[] args) throws Exception {
        KeepAlive settings = KeepAlive.builder().idle(Duration.ofSeconds(30)).interval(Duration.ofSeconds(5))
                .probes(3).build();
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel channel = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept()) {
            SocketKeepAlive.of(channel).apply(settings); // start-up done, the calling thread's scratch made
            List<Object> kept = new ArrayList<>(VIEWS);
            long gcs = collections();
            long before = otherMallocs();
            for (int i = 0; i < VIEWS; i++) {
                kept.add(SocketKeepAlive.of(channel));
            }
            long after = otherMallocs();
            report("platform thread, of(channel)", after - before, collections() - gcs);
            gcs = collections();
            before = otherMallocs();
            for (int i = 0; i < VIEWS; i++) {
                Thread thread = Thread.ofVirtual().start(() -> {
                    try {
                        SocketKeepAlive.of(channel).apply(settings);
                    } catch (java.io.IOException failure) {
                        throw new java.io.UncheckedIOException(failure);
                    }
                });
                thread.join();
                kept.add(thread);
            }
            after = otherMallocs();
            report("new virtual thread each, of(channel).apply", after - before, collections() - gcs);
            if (peer.isOpen() && kept.size() != 2 * VIEWS) {
                throw new IllegalStateException("views lost");
            }
        }
    }

    private static void report(String what, long mallocs, long collections) {
        System.out.printf(Locale.ROOT, "native allocations per view: %s %.3f (%d over %d views; %s)%n", what,
                mallocs / (double) VIEWS, mallocs, VIEWS,
                collections == 0 ? "no collection in between" : collections + " collections in between, which"
                        + " may have freed some: a lower bound");
    }

    private static long otherMallocs() throws Exception {
        String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        Matcher matcher = OTHER.matcher(summary);
        if (!matcher.find()) {
            throw new IllegalStateException("no \"Other\" category in the native memory summary"
                    + " (run with -XX:NativeMemoryTracking=summary):\n" + summary);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
        }
        return count;
    }
}
