package dev.keepalive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Dependencies;
import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import dev.keepalive.testing.PostgresServer;
import dev.keepalive.testing.PrivateNetwork;
import dev.keepalive.testing.ProcessDescriptors;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The PostgreSQL JDBC driver in an unmodified program ({@code JdbcApp}) with the agent alone: no socket factory,
 * the driver's {@code tcpKeepAlive} left at its default, against a throwaway server ({@link PostgresServer}).
 */
@EnabledOnOs(OS.LINUX)
class AgentPostgresIT {

    @Test
    void theDriversConnectionHoldsTheSettingsThoughTheDriverTurnsKeepAliveOff() throws Exception {
        PostgresServer.requireAvailable();
        ProcessDescriptors.requireAvailable();
        try (PostgresServer server = PostgresServer.start(Duration.ofSeconds(60))) {
            try (RunningApp app = start(server, "idle=19s,interval=3s,probes=6")) {
                app.line("READY");

                assertThat(app.line("connected")).isEqualTo("connected answer=1");
                List<Integer> descriptors = OwnSockets.connectedTo(app.pid(), server.port());
                assertThat(descriptors).hasSize(1);
                assertThat(ProcessDescriptors.settings(app.pid(), descriptors.getFirst()))
                        .isEqualTo(new KernelSettings(1, 19, 3, 6, 0));
                assertThat(AgentIT.keepAliveTimers(server.port())).singleElement()
                        .satisfies(millis -> assertThat(millis).isBetween(1L, 19_000L));
                assertThat(app.finish()).isZero();
                // the driver sets SO_KEEPALIVE to its tcpKeepAlive property, false unless the URL says otherwise
                assertThat(app.output()).containsPattern("INFO: org\\.postgresql\\.[\\w.]+ set SO_KEEPALIVE to false"
                        + " on a java\\.net\\.Socket that the agent's policy covers; the agent set true")
                        .containsOnlyOnce("set SO_KEEPALIVE to false");
            }
            try (RunningApp app = start(server, null)) {
                app.line("READY");

                assertThat(ProcessDescriptors.settings(app.pid(),
                        OwnSockets.connectedTo(app.pid(), server.port()).getFirst()).keepAlive()).isZero();
                assertThat(app.finish()).isZero();
            }
        }
    }

    @Test
    void aQueryOnASilentServerFailsInThreeToFiveSecondsWithTheAgentAloneWhileWithoutItItStaysBlocked()
            throws Exception {
        PrivateNetwork.requireFirewall();
        PostgresServer.requireAvailable();
        Jvm.Result result = PrivateNetwork.run(Dependencies.java(AgentSilentPostgresScenario.class.getName(),
                List.of(AgentApps.agentJar().toString(), AgentApps.classes().toString(),
                        AgentApps.postgresDriver().toString())), Duration.ofSeconds(120));
        String output = result.output();
        assertThat(result.exitCode()).as(output).isZero();
        System.out.println("silent PostgreSQL server, agent alone: agent=" + line(output, "agent") + "; plain="
                + line(output, "plain"));

        assertThat(line(output, "agent.kernel")).as(output).isEqualTo(new KernelSettings(1, 1, 1, 3, 0).toString());
        Matcher failed = Pattern.compile("failed error=(\\w+) cause=(.*) afterMs=(\\d+)")
                .matcher(line(output, "agent"));
        assertThat(failed.matches()).as(output).isTrue();
        // idle 1 s + 3 probes 1 s apart, counted from the connection's last activity, a little before the drop
        assertThat(Long.parseLong(failed.group(3))).as(output).isBetween(2_900L, 5_500L);
        assertThat(failed.group(1)).isEqualTo("PSQLException");
        assertThat(failed.group(2)).isEqualTo("SocketException: Connection timed out");
        Matcher blocked = Pattern.compile("blocked afterMs=(\\d+)").matcher(line(output, "plain"));
        assertThat(blocked.matches()).as(output).isTrue();
        assertThat(Long.parseLong(blocked.group(1))).isGreaterThanOrEqualTo(AgentSilentPostgresScenario.WATCH_MILLIS);
    }

    private static RunningApp start(PostgresServer server, String agentArgument) throws Exception {
        return RunningApp.start(AgentApps.command(List.of(), agentArgument, List.of(AgentApps.postgresDriver()),
                "JdbcApp", List.of(server.url(""), "hold")));
    }

    private static String line(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + "= in:\n" + output));
    }
}
