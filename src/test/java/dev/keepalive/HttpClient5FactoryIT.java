package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keepalive.testing.CapturedLog;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The recipe for Apache HttpClient 5, which takes a socket factory of its own interface
 * ({@code DetachedSocketFactory}) rather than {@code javax.net.SocketFactory}: the pooled connection, found
 * through {@code /proc}, carries the settings. HttpClient sets keep-alive from its {@code SocketConfig} before
 * connecting (on, idle 5 s, interval 5 s, 3 probes by default): the recipe leaves those to the factory, and the
 * factory's socket keeps its own settings, and says so, where the configuration would change them.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClient5FactoryIT {

    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 5);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void thePooledConnectionCarriesTheSettings() throws Exception {
        try (CapturedLog log = CapturedLog.of(KeepAliveSocketFactory.class.getName())) {
            // the recipe's socket configuration: keep-alive on, its idle, interval and count left to the factory
            SocketConfig leaveKeepAliveAlone = SocketConfig.custom().setSoKeepAlive(true).setTcpKeepIdle(0)
                    .setTcpKeepInterval(0).setTcpKeepCount(0).build();
            assertThat(pooledConnection("idle=11s,interval=3s,probes=4,userTimeout=20s", leaveKeepAliveAlone))
                    .isEqualTo(new KernelSettings(1, 11, 3, 4, 20_000));
            assertThat(log.records()).isEmpty();
        }
    }

    @Test
    void itsOwnSocketConfigWouldTurnKeepAliveOffAndRetuneItTheFactorysSocketKeepsItsSettings() throws Exception {
        try (CapturedLog log = CapturedLog.of(KeepAliveSocketFactory.class.getName())) {
            // keep-alive off; idle, interval and count at HttpClient's defaults of 5 s, 5 s and 3
            SocketConfig off = SocketConfig.custom().setSoKeepAlive(false).build();
            assertThat(pooledConnection("idle=12s,interval=3s,probes=4", off))
                    .isEqualTo(new KernelSettings(1, 12, 3, 4, 0));
            assertThat(log.records()).hasSize(4).allSatisfy(record -> assertThat(record)
                    .contains("on a socket made by KeepAliveSocketFactory with the settings"
                            + " 'idle=12s,interval=3s,probes=4'"));
            assertThat(String.join("\n", log.records())).contains("setKeepAlive(false)",
                    "setOption(TCP_KEEPIDLE, 5)", "setOption(TCP_KEEPINTERVAL, 5)", "setOption(TCP_KEEPCOUNT, 3)");
        }
    }

    /** Makes one request through the recipe's client and reads the kernel's settings of its pooled connection. */
    private KernelSettings pooledConnection(String settings, SocketConfig socketConfig) throws Exception {
        // the recipe in docs/clients.md
        KeepAliveSocketFactory keepAlive = new KeepAliveSocketFactory(settings);
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(
                proxy -> proxy == null ? keepAlive.createSocket() : new Socket(proxy), null, null,
                RegistryBuilder.<TlsSocketStrategy>create()
                        .register("https", DefaultClientTlsStrategy.createDefault()).build());
        PoolingHttpClientConnectionManager connections =
                new PoolingHttpClientConnectionManager(operator, null, null, null, null);
        connections.setDefaultSocketConfig(socketConfig);
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections).build()) {
            int port = server.getAddress().getPort();
            String body = client.execute(new HttpGet("http://127.0.0.1:" + port + "/"),
                    response -> EntityUtils.toString(response.getEntity()));
            assertThat(body).isEqualTo("ok");
            return KernelSettings.of(OwnSockets.theOneConnectedTo(port));
        }
    }
}
