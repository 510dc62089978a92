package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Dependencies;
import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.PostgresServer;
import dev.keepalive.testing.PrivateNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Real clients through {@link KeepAliveSocketFactory} notice a server that goes silent (a DROP rule in a private
 * network, no FIN, no RST) in the time the settings promise, while the same client through its default factory
 * stays blocked: the PostgreSQL JDBC driver in a query, OkHttp in a streaming response with no read timeout. Each
 * runs in a child JVM inside a network namespace of its own, with its server.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClientDeadPeerIT {

    private static final Pattern FAILED = Pattern.compile("failed afterMs=(\\d+)(?: heardMs=(\\d+))? error=(.*)");
    private static final Pattern BLOCKED = Pattern.compile("blocked afterMs=(\\d+)");

    @BeforeEach
    void needsAPrivateNetworkWithAFirewall() {
        PrivateNetwork.requireFirewall();
    }

    @Test
    void aPostgresQueryOnASilentServerFailsInThreeToFiveSecondsWhileTheDefaultFactorysStaysBlocked()
            throws Exception {
        PostgresServer.requireAvailable();
        String output = run(PostgresSilentScenario.class.getName());
        // tcpKeepAlive was left at its default (false): the factory's socket kept keep-alive on anyway
        assertThat(line(output, "factory.kernel")).isEqualTo(
                "KernelSettings[keepAlive=1, idle=1, interval=1, count=3, userTimeout=0]");
        assertThat(line(output, "factory.predictedMs")).isEqualTo("4000");
        Matcher failed = FAILED.matcher(line(output, "factory"));
        assertThat(failed.matches()).as("the factory's query: " + line(output, "factory")).isTrue();
        // the query idled in pg_sleep before the drop, so the first unanswered probe came within the first second
        assertThat(Long.parseLong(failed.group(1))).as("ms from the drop to the failed query")
                .isBetween(2_900L, 5_500L);
        assertThat(failed.group(3)).contains("PSQLException").endsWith("cause=SocketException: Connection timed out");
        assertStillBlocked(line(output, "plain"));
    }

    @Test
    void anOkHttpStreamFromASilentServerFailsInThePredictedTimeWhileTheDefaultFactorysStaysBlocked()
            throws Exception {
        String output = run(OkHttpSilentScenario.class.getName());
        assertThat(line(output, "factory.kernel")).isEqualTo(
                "KernelSettings[keepAlive=1, idle=1, interval=1, count=3, userTimeout=0]");
        long predicted = Long.parseLong(line(output, "factory.predictedMs"));
        assertThat(predicted).isEqualTo(4_000L);
        Matcher failed = FAILED.matcher(line(output, "factory"));
        assertThat(failed.matches()).as("the factory's read: " + line(output, "factory")).isTrue();
        // counted from the last segment the server sent (the first line), where the kernel's clock starts; a
        // moment late by the reader's wake-up, and the keep-alive timer's own slack on a busy machine
        assertThat(Long.parseLong(failed.group(2))).as("ms from the first line to the failed read")
                .isBetween(predicted - 100, predicted + 1_500);
        assertThat(Long.parseLong(failed.group(1))).as("ms from the drop to the failed read")
                .isBetween(2_900L, 5_500L);
        assertThat(failed.group(3)).isEqualTo("SocketException: Connection timed out");
        assertStillBlocked(line(output, "plain"));
    }

    private static void assertStillBlocked(String outcome) {
        Matcher blocked = BLOCKED.matcher(outcome);
        assertThat(blocked.matches()).as("the default factory's connection: " + outcome).isTrue();
        assertThat(Long.parseLong(blocked.group(1))).as("ms it was still blocked after the drop")
                .isGreaterThanOrEqualTo(6_000L);
    }

    private static String run(String scenario) throws Exception {
        Jvm.Result result = PrivateNetwork.run(Dependencies.java(scenario, List.of()), Duration.ofSeconds(120));
        System.out.println("[ClientDeadPeerIT] " + scenario + ":\n" + result.output().strip());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static String line(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " line in:\n" + output));
    }
}
