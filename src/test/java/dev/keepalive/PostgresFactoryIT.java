package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.CapturedLog;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import dev.keepalive.testing.PostgresServer;
import dev.keepalive.testing.UnguardedFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link KeepAliveSocketFactory} as the PostgreSQL JDBC driver uses it, against a real server on loopback: the
 * driver makes the factory from its URL, and the connection's socket, found through {@code /proc} and read
 * with plain {@code getsockopt}, holds the settings. The driver turns {@code SO_KEEPALIVE} off after connecting
 * unless {@code tcpKeepAlive=true}: shown on a socket that does not guard against it, then kept on, and
 * logged, by the factory's own sockets.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresFactoryIT {

    private static final String FACTORY = "socketFactory=" + KeepAliveSocketFactory.class.getName();
    private static PostgresServer server;

    /** Each test skips on its own, with the reason, where no server can be started; the first one starts it. */
    @BeforeEach
    void startServer() throws Exception {
        PostgresServer.requireAvailable();
        synchronized (PostgresFactoryIT.class) {
            if (server == null) {
                server = PostgresServer.start(Duration.ofSeconds(60));
            }
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDriverTurnsKeepAliveOffButTheFactorysSocketKeepsItOnWithTheSettings() throws Exception {
        try (CapturedLog log = CapturedLog.of(KeepAliveSocketFactory.class.getName());
             Connection connection = DriverManager.getConnection(
                     server.url(FACTORY + "&socketFactoryArg=idle=1s,interval=1s,probes=3"))) {
            assertThat(selectOne(connection)).isOne();
            int fd = OwnSockets.theOneConnectedTo(server.port());
            assertThat(KernelSettings.of(fd)).isEqualTo(new KernelSettings(1, 1, 1, 3, 0));
            assertThat(ss(server.port())).contains("timer:(keepalive,");
            // what the driver did, in the factory's words: it called setKeepAlive(false), not setOption
            assertThat(log.records()).containsExactly(
                    "WARNING: the connection properties say tcpKeepAlive=<not set> (default false): the PostgreSQL"
                            + " JDBC driver will call setKeepAlive(false) after connecting. The sockets of"
                            + " KeepAliveSocketFactory keep SO_KEEPALIVE on for 'idle=1s,interval=1s,probes=3';"
                            + " add tcpKeepAlive=true to the connection properties to say the same",
                    "WARNING: a client called setKeepAlive(false) on a socket made by KeepAliveSocketFactory with"
                            + " the settings 'idle=1s,interval=1s,probes=3'; SO_KEEPALIVE stays on, or those"
                            + " settings would do nothing. If the client is the PostgreSQL JDBC driver, add"
                            + " tcpKeepAlive=true to its connection properties to say the same");
        }
    }

    @Test
    void withTcpKeepAliveTrueTheSettingsHoldAndNothingIsLogged() throws Exception {
        try (CapturedLog log = CapturedLog.of(KeepAliveSocketFactory.class.getName());
             Connection connection = DriverManager.getConnection(
                     server.url("tcpKeepAlive=true&" + FACTORY + "&socketFactoryArg=idle=2s,interval=3s,probes=4,"
                             + "userTimeout=7s"))) {
            assertThat(selectOne(connection)).isOne();
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(server.port())))
                    .isEqualTo(new KernelSettings(1, 2, 3, 4, 7000));
            assertThat(log.records()).isEmpty();
        }
    }

    @Test
    void aSocketThatDoesNotGuardKeepAliveIsSwitchedOffByTheDriverItsValuesLeftUseless() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.url("socketFactory="
                + UnguardedFactory.class.getName() + "&socketFactoryArg=idle=1s,interval=1s,probes=3"))) {
            assertThat(selectOne(connection)).isOne();
            // the settings were applied before connecting, then the driver's setKeepAlive(false) turned them off
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(server.port())))
                    .isEqualTo(new KernelSettings(0, 1, 1, 3, 0));
            assertThat(ss(server.port())).doesNotContain("keepalive");
        }
        try (Connection connection = DriverManager.getConnection(server.url("tcpKeepAlive=true&socketFactory="
                + UnguardedFactory.class.getName() + "&socketFactoryArg=idle=1s,interval=1s,probes=3"))) {
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(server.port())))
                    .isEqualTo(new KernelSettings(1, 1, 1, 3, 0));
        }
    }

    @Test
    void badSettingsFailTheConnectionAttemptBeforeAnySocketIsMade() throws Exception {
        String url = server.url(FACTORY + "&socketFactoryArg=idle=banana");
        java.sql.SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(url).close());
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idle: 'banana'");
        assertThat(OwnSockets.connectedTo(server.port())).isEmpty();
    }

    private static int selectOne(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** {@code ss -tnoi} for the connections to the port: the kernel's own view, with the keep-alive timer. */
    private static String ss(int port) throws Exception {
        Process process = new ProcessBuilder("ss", "-tnoi", "state", "established", "( dport = :" + port + " )")
                .redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ss did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
