package dev.keepalive;

import com.sun.net.httpserver.HttpServer;
import dev.keepalive.testing.Firewall;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Run inside a private network by {@link ClientDeadPeerIT}: a JDK {@code HttpServer} streams a response that
 * stops after its first line; two OkHttp clients with no read timeout read it, one through
 * {@link KeepAliveSocketFactory} ({@code idle=1s,interval=1s,probes=3}) and one through the default factory.
 * Once both have read the first line, a firewall DROP rule silences the server. Prints
 * {@code factory.kernel=...} and {@code factory.predictedMs=...} (the library's detection time for that
 * socket), then for each client how its read ended, in ms after the drop and after the first line arrived, or
 * that it was still blocked {@value #WATCH_MILLIS} ms after the drop.
 */
final class OkHttpSilentScenario {

    static final long WATCH_MILLIS = 6_000;

    private OkHttpSilentScenario() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.setExecutor(handlers);
        server.createContext("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the length is unknown
            OutputStream body = exchange.getResponseBody();
            body.write("first line\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                Thread.sleep(30_000); // then nothing more: the peer goes silent
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        String url = "http://127.0.0.1:" + port + "/stream";

        OkHttpClient withFactory = new OkHttpClient.Builder().readTimeout(Duration.ZERO)
                .socketFactory(new KeepAliveSocketFactory("idle=1s,interval=1s,probes=3")).build();
        OkHttpClient plain = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
        long[] dropped = {0};
        CountDownLatch firstLines = new CountDownLatch(2);
        CompletableFuture<String> factoryRead = stream(withFactory, url, firstLines, dropped);
        awaitOne(firstLines, 2);
        int fd = OwnSockets.theOneConnectedTo(port);
        System.out.println("factory.kernel=" + KernelSettings.of(fd));
        System.out.println("factory.predictedMs=" + SocketKeepAlive.ofHandle(fd).effective().detectionTime()
                .map(time -> Long.toString(time.toMillis())).orElse("none"));
        CompletableFuture<String> plainRead = stream(plain, url, firstLines, dropped);
        if (!firstLines.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the first lines did not arrive");
        }
        Firewall.dropPort(port);
        long at = System.nanoTime();
        synchronized (dropped) {
            dropped[0] = at;
        }
        System.out.println("drop.tool=" + Firewall.tool().orElseThrow());
        long deadline = at + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
        System.out.println("factory=" + outcome(factoryRead, deadline, at));
        System.out.println("plain=" + outcome(plainRead, deadline, at));
        System.exit(0);
    }

    /**
     * Reads the first line on a daemon thread, then blocks reading the rest; the outcome names the ms after the
     * drop and after the first line it ended.
     */
    private static CompletableFuture<String> stream(OkHttpClient client, String url, CountDownLatch firstLines,
            long[] dropped) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long heard = 0;
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute();
                 BufferedReader body = new BufferedReader(new InputStreamReader(response.body().byteStream(),
                         StandardCharsets.UTF_8))) {
                String first = body.readLine();
                heard = System.nanoTime();
                if (!"first line".equals(first)) {
                    throw new IllegalStateException("unexpected first line: " + first);
                }
                firstLines.countDown();
                String next = body.readLine();
                outcome.complete("returned " + next + times(dropped, heard));
            } catch (Exception e) {
                outcome.complete("failed" + times(dropped, heard) + " error=" + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
        });
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    /** Waits until the latch has counted down once from its start. */
    private static void awaitOne(CountDownLatch latch, long start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latch.getCount() == start) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first line did not arrive");
            }
            Thread.sleep(10);
        }
    }

    private static String outcome(CompletableFuture<String> read, long deadline, long dropped) throws Exception {
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillBlocked) {
            return "blocked afterMs=" + (System.nanoTime() - dropped) / 1_000_000;
        }
    }

    /** {@code " afterMs=<ms since the drop> heardMs=<ms since the first line arrived>"}, as of now. */
    private static String times(long[] dropped, long heard) {
        long now = System.nanoTime();
        long since;
        synchronized (dropped) {
            since = dropped[0] == 0 ? -1 : (now - dropped[0]) / 1_000_000;
        }
        return " afterMs=" + since + " heardMs=" + (heard == 0 ? "none" : Long.toString((now - heard) / 1_000_000));
    }
}
