package dev.keepalive.agent;

import dev.keepalive.testing.Firewall;
import dev.keepalive.testing.OwnSockets;
import dev.keepalive.testing.PostgresServer;
import dev.keepalive.testing.ProcessDescriptors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run inside a private network by {@link AgentPostgresIT}: starts a PostgreSQL server there and two copies of
 * {@code JdbcApp}, one with the agent ({@code idle=1s,interval=1s,probes=3}) and one without, each running
 * {@code SELECT pg_sleep(30)}. Once the server shows both queries running and every byte sent is acknowledged
 * (until then the kernel retransmits rather than probes), it silences the server with a firewall DROP rule and
 * prints how each query ended, in ms after the drop, or that it was still blocked {@value #WATCH_MILLIS} ms
 * after it. Arguments: the agent jar, the compiled programs, the driver's jar.
 */
final class AgentSilentPostgresScenario {

    static final long WATCH_MILLIS = 6_000;
    private static final String QUERY = "SELECT pg_sleep(30)";

    private AgentSilentPostgresScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args[0]);
        Path programs = Path.of(args[1]);
        List<Path> driver = List.of(Path.of(args[2]));
        try (PostgresServer server = PostgresServer.start(Duration.ofSeconds(60));
             RunningApp withAgent = RunningApp.start(AgentApps.command(agentJar, programs,
                     List.of("--enable-native-access=ALL-UNNAMED"), "idle=1s,interval=1s,probes=3", driver,
                     "JdbcApp", List.of(server.url(""), "sleep")));
             RunningApp plain = RunningApp.start(AgentApps.command(agentJar, programs, List.of(), null, driver,
                     "JdbcApp", List.of(server.url(""), "sleep")))) {
            withAgent.line("QUERYING");
            plain.line("QUERYING");
            System.out.println("agent.kernel=" + ProcessDescriptors.settings(withAgent.pid(),
                    OwnSockets.connectedTo(withAgent.pid(), server.port()).getFirst()));
            try (Connection monitor = DriverManager.getConnection(server.url(""))) {
                PostgresServer.awaitActive(monitor, QUERY, 2);
            }
            OwnSockets.awaitAcknowledged(server.port());
            Firewall.dropPort(server.port());
            long dropped = System.nanoTime();
            System.out.println("drop.tool=" + Firewall.tool().orElseThrow());
            long deadline = dropped + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
            System.out.println("agent=" + outcome(withAgent, dropped, deadline));
            System.out.println("plain=" + outcome(plain, dropped, deadline));
        }
        System.exit(0);
    }

    private static String outcome(RunningApp app, long dropped, long deadline) throws InterruptedException {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        try {
            RunningApp.TimedLine ended = app.awaitTimed(line -> line.startsWith("failed ")
                    || line.startsWith("returned"), left);
            return ended.line() + " afterMs=" + (ended.nanoTime() - dropped) / 1_000_000;
        } catch (IllegalStateException stillBlocked) {
            return "blocked afterMs=" + (System.nanoTime() - dropped) / 1_000_000;
        }
    }
}
