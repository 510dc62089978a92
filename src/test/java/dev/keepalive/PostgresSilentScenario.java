package dev.keepalive;

import dev.keepalive.testing.Firewall;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import dev.keepalive.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run inside a private network by {@link ClientDeadPeerIT}: starts a PostgreSQL server there, opens one
 * connection through {@link KeepAliveSocketFactory} ({@code idle=1s,interval=1s,probes=3}, the driver's
 * {@code tcpKeepAlive} left at its default) and one through the driver's default factory, starts
 * {@code SELECT pg_sleep(30)} on both, and once the server shows both queries running and has acknowledged them
 * (until then the kernel would retransmit the query rather than probe), silences the server with a firewall DROP
 * rule. Prints {@code factory.kernel=...} and {@code factory.predictedMs=...} before the drop, then
 * for each connection how its query ended, in ms after the drop, or that it was still blocked
 * {@value #WATCH_MILLIS} ms after it.
 */
final class PostgresSilentScenario {

    static final long WATCH_MILLIS = 6_000;
    private static final String QUERY = "SELECT pg_sleep(30)";

    private PostgresSilentScenario() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresServer server = PostgresServer.start(Duration.ofSeconds(60))) {
            Connection factory = DriverManager.getConnection(server.url("socketFactory="
                    + KeepAliveSocketFactory.class.getName() + "&socketFactoryArg=idle=1s,interval=1s,probes=3"));
            int fd = OwnSockets.theOneConnectedTo(server.port());
            System.out.println("factory.kernel=" + KernelSettings.of(fd));
            System.out.println("factory.predictedMs=" + SocketKeepAlive.ofHandle(fd).effective().detectionTime()
                    .map(time -> Long.toString(time.toMillis())).orElse("none"));
            Connection plain = DriverManager.getConnection(server.url(""));
            long[] dropped = {0};
            CompletableFuture<String> factoryQuery = sleep(factory, dropped);
            CompletableFuture<String> plainQuery = sleep(plain, dropped);
            long started = System.nanoTime();
            try (Connection monitor = DriverManager.getConnection(server.url(""))) {
                PostgresServer.awaitActive(monitor, QUERY, 2);
            }
            // while a query's bytes wait for the server's (delayed) acknowledgement, the kernel retransmits
            // instead of probing: the connections must idle, all acknowledged, when the server goes silent
            OwnSockets.awaitAcknowledged(server.port());
            Firewall.dropPort(server.port());
            long at = System.nanoTime();
            System.out.println("queryToDropMs=" + (at - started) / 1_000_000);
            synchronized (dropped) {
                dropped[0] = at;
            }
            System.out.println("drop.tool=" + Firewall.tool().orElseThrow());
            long deadline = at + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
            System.out.println("factory=" + outcome(factoryQuery, deadline, at));
            System.out.println("plain=" + outcome(plainQuery, deadline, at));
        }
        // the connection still blocked belongs to a daemon thread; the server is stopped
        System.exit(0);
    }

    /** Runs the query on its own daemon thread; its outcome names the ms after the drop it ended. */
    private static CompletableFuture<String> sleep(Connection connection, long[] dropped) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(QUERY)) {
                outcome.complete("returned afterMs=" + since(dropped));
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                outcome.complete("failed afterMs=" + since(dropped) + " error=" + e.getClass().getSimpleName()
                        + " cause=" + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        });
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    private static String outcome(CompletableFuture<String> query, long deadline, long dropped) throws Exception {
        try {
            return query.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillBlocked) {
            return "blocked afterMs=" + (System.nanoTime() - dropped) / 1_000_000;
        }
    }

    private static long since(long[] dropped) {
        long now = System.nanoTime();
        synchronized (dropped) {
            return dropped[0] == 0 ? -1 : (now - dropped[0]) / 1_000_000;
        }
    }
}
