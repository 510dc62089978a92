package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.testing.CapturedLog;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Properties;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link KeepAliveSocketFactory} on real loopback connections: every way of making a socket gives one whose
 * settings the kernel holds (read back with the JDK's own options and with plain {@code getsockopt} on the
 * descriptor found through {@code /proc}), a client cannot switch keep-alive off unnoticed, and bad settings
 * fail when the factory is made.
 */
@EnabledOnOs(OS.LINUX)
class KeepAliveSocketFactoryIT {

    private static final String LOGGER = KeepAliveSocketFactory.class.getName();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private ServerSocket server;
    private String savedProperty;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, LOOPBACK);
        savedProperty = System.getProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        if (savedProperty == null) {
            System.clearProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
        } else {
            System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, savedProperty);
        }
    }

    @Test
    void everyConnectedVariantGivesASocketWhoseSettingsTheKernelHolds() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=17s,interval=4s,probes=5,userTimeout=9s");
        int port = server.getLocalPort();
        List<SocketMaker> variants = List.of(
                () -> factory.createSocket("127.0.0.1", port),
                () -> factory.createSocket((String) null, port),
                () -> factory.createSocket("127.0.0.1", port, LOOPBACK, 0),
                () -> factory.createSocket(LOOPBACK, port),
                () -> factory.createSocket(LOOPBACK, port, LOOPBACK, 0));
        for (SocketMaker variant : variants) {
            try (Socket socket = variant.make(); Socket accepted = server.accept()) {
                assertThat(socket.isConnected()).isTrue();
                assertThat(jdkView(socket)).isEqualTo("on/17/4/5");
                assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(port)))
                        .isEqualTo(new KernelSettings(1, 17, 4, 5, 9000));
            }
        }
    }

    @Test
    void theUnconnectedSocketHasTheSettingsBeforeItConnects() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=19s,interval=3s,probes=6");
        try (Socket socket = factory.createSocket()) {
            assertThat(socket.isConnected()).isFalse();
            assertThat(jdkView(socket)).isEqualTo("on/19/3/6");
            socket.connect(server.getLocalSocketAddress());
            try (Socket accepted = server.accept()) {
                assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(server.getLocalPort())))
                        .isEqualTo(new KernelSettings(1, 19, 3, 6, 0));
            }
        }
    }

    @Test
    void aClientCannotSwitchKeepAliveOffUnnoticed() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=23s,interval=2s,probes=4");
        try (CapturedLog log = CapturedLog.of(LOGGER);
             Socket socket = factory.createSocket(LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            socket.setKeepAlive(false);
            socket.setKeepAlive(false);
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, false);
            int fd = OwnSockets.theOneConnectedTo(server.getLocalPort());
            assertThat(KernelSettings.of(fd)).isEqualTo(new KernelSettings(1, 23, 2, 4, 0));
            assertThat(socket.getKeepAlive()).isTrue();
            assertThat(log.records()).containsExactly(
                    "WARNING: a client called setKeepAlive(false) on a socket made by KeepAliveSocketFactory with"
                            + " the settings 'idle=23s,interval=2s,probes=4'; SO_KEEPALIVE stays on, or those"
                            + " settings would do nothing. If the client is the PostgreSQL JDBC driver, add"
                            + " tcpKeepAlive=true to its connection properties to say the same",
                    "WARNING: a client called setOption(SO_KEEPALIVE, false) on a socket made by"
                            + " KeepAliveSocketFactory with the settings 'idle=23s,interval=2s,probes=4'; SO_KEEPALIVE"
                            + " stays on, or those settings would do nothing. If the client is the PostgreSQL JDBC"
                            + " driver, add tcpKeepAlive=true to its connection properties to say the same");
            // every other option still goes through
            socket.setTcpNoDelay(true);
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void aClientCannotRetuneWhatTheFactoryHoldsButMayTuneTheRest() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=24s,interval=1500ms");
        try (CapturedLog log = CapturedLog.of(LOGGER);
             Socket socket = factory.createSocket(LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            int fd = OwnSockets.theOneConnectedTo(server.getLocalPort());
            int count = KernelSettings.of(fd).count();
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 5);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 5);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 2); // 1500 ms, rounded up as applied
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, count + 1); // not in the factory's settings
            assertThat(KernelSettings.of(fd)).isEqualTo(new KernelSettings(1, 24, 2, count + 1, 0));
            assertThat(log.records()).containsExactly("WARNING: a client called setOption(TCP_KEEPIDLE, 5) on a"
                    + " socket made by KeepAliveSocketFactory with the settings 'idle=24s,interval=1500ms'; the"
                    + " socket keeps 24. Configure the client to leave TCP_KEEPIDLE alone, or change the factory's"
                    + " settings");
        }
    }

    @Test
    void settingsThatTurnKeepAliveOffLeaveTheClientFreeToTurnItOn() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("enabled=false");
        try (CapturedLog log = CapturedLog.of(LOGGER);
             Socket socket = factory.createSocket(LOOPBACK, server.getLocalPort());
             Socket accepted = server.accept()) {
            int fd = OwnSockets.theOneConnectedTo(server.getLocalPort());
            assertThat(KernelSettings.of(fd).keepAlive()).isZero();
            socket.setKeepAlive(true);
            assertThat(KernelSettings.of(fd).keepAlive()).isOne();
            socket.setKeepAlive(false);
            assertThat(KernelSettings.of(fd).keepAlive()).isZero();
            assertThat(log.records()).isEmpty();
        }
    }

    @Test
    void badSettingsFailWhenTheFactoryIsMadeNamingTheKey() {
        assertThatThrownBy(() -> new KeepAliveSocketFactory("idle=banana"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idle: 'banana'");
        assertThatThrownBy(() -> new KeepAliveSocketFactory("probes=3,probes=4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("probes is given twice");
        // beyond Linux's TCP_KEEPIDLE range: caught on a throwaway socket, not on a connection
        assertThatThrownBy(() -> new KeepAliveSocketFactory("idle=40000s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle")
                .hasMessageContaining("TCP_KEEPIDLE");
        assertThatThrownBy(() -> new KeepAliveSocketFactory("probes=200"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probes");
    }

    @Test
    void theSystemPropertyGivesTheNoArgumentFactoryAndTheDefaultOne() throws Exception {
        System.clearProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
        assertThatThrownBy(KeepAliveSocketFactory::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system property dev.keepalive.settings");
        assertThatThrownBy(KeepAliveSocketFactory::getDefault).isInstanceOf(IllegalArgumentException.class);

        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=21s,interval=6s,probes=2");
        assertThat(new KeepAliveSocketFactory().settings().toSettingsString()).isEqualTo("idle=21s,interval=6s,probes=2");
        KeepAliveSocketFactory first = KeepAliveSocketFactory.getDefault();
        assertThat(KeepAliveSocketFactory.getDefault()).isSameAs(first);
        try (Socket socket = first.createSocket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            assertThat(jdkView(socket)).isEqualTo("on/21/6/2");
        }

        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=22s");
        assertThat(KeepAliveSocketFactory.getDefault()).isNotSameAs(first)
                .extracting(f -> f.settings().toSettingsString()).isEqualTo("idle=22s");
        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=oops");
        assertThatThrownBy(KeepAliveSocketFactory::getDefault).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("idle: 'oops'");
    }

    @Test
    void thePropertiesConstructorReadsItsKeyThenPostgresArgumentThenTheSystemProperty() {
        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=31s");
        Properties properties = new Properties();
        assertThat(new KeepAliveSocketFactory(properties).settings().toSettingsString()).isEqualTo("idle=31s");
        properties.setProperty("socketFactoryArg", "idle=32s");
        properties.setProperty("tcpKeepAlive", "true");
        assertThat(new KeepAliveSocketFactory(properties).settings().toSettingsString()).isEqualTo("idle=32s");
        Properties withDefaults = new Properties(properties);
        withDefaults.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=33s");
        assertThat(new KeepAliveSocketFactory(withDefaults).settings().toSettingsString()).isEqualTo("idle=33s");

        System.clearProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
        assertThatThrownBy(() -> new KeepAliveSocketFactory(new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.keepalive.settings or socketFactoryArg");
        properties.setProperty("socketFactoryArg", "interval=soon");
        assertThatThrownBy(() -> new KeepAliveSocketFactory(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval: 'soon'");
    }

    @Test
    void thePropertiesConstructorWarnsWhenPostgresWouldTurnKeepAliveOff() {
        Properties properties = new Properties();
        properties.setProperty("socketFactory", KeepAliveSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", "idle=34s,probes=2");
        try (CapturedLog log = CapturedLog.of(LOGGER)) {
            new KeepAliveSocketFactory(properties);
            new KeepAliveSocketFactory(properties);
            properties.setProperty("tcpKeepAlive", "false");
            new KeepAliveSocketFactory(properties);
            properties.setProperty("tcpKeepAlive", "true");
            new KeepAliveSocketFactory(properties);
            properties.setProperty("socketFactoryArg", "enabled=false,idle=34s");
            properties.setProperty("tcpKeepAlive", "false");
            new KeepAliveSocketFactory(properties);
            assertThat(log.records()).containsExactly(
                    "WARNING: the connection properties say tcpKeepAlive=<not set> (default false): the PostgreSQL"
                            + " JDBC driver will call setKeepAlive(false) after connecting. The sockets of"
                            + " KeepAliveSocketFactory keep SO_KEEPALIVE on for 'idle=34s,probes=2'; add"
                            + " tcpKeepAlive=true to the connection properties to say the same",
                    "WARNING: the connection properties say tcpKeepAlive=false: the PostgreSQL"
                            + " JDBC driver will call setKeepAlive(false) after connecting. The sockets of"
                            + " KeepAliveSocketFactory keep SO_KEEPALIVE on for 'idle=34s,probes=2'; add"
                            + " tcpKeepAlive=true to the connection properties to say the same");
        }
    }

    @Test
    void aWrappedFactoryMakesTheSocketsAndTheSettingsAreApplied() throws Exception {
        KeepAliveSocketFactory factory = KeepAliveSocketFactory.wrapping(SocketFactory.getDefault(),
                KeepAlive.parse("idle=27s,interval=5s,probes=7"));
        try (Socket unconnected = factory.createSocket()) {
            assertThat(unconnected).isNotInstanceOf(KeepAliveSocket.class);
            assertThat(jdkView(unconnected)).isEqualTo("on/27/5/7");
        }
        try (Socket socket = factory.createSocket("127.0.0.1", server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(server.getLocalPort())))
                    .isEqualTo(new KernelSettings(1, 27, 5, 7, 0));
        }
        assertThat(factory).hasToString("KeepAliveSocketFactory[idle=27s,interval=5s,probes=7]");
    }

    @Test
    void aFailedConnectClosesTheSocketItMade() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=25s");
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> factory.createSocket(LOOPBACK, port)).isInstanceOf(IOException.class);
        }
        assertThat(openDescriptors()).as("sockets open after 20 refused connections").isLessThan(before + 5);
    }

    /** One of the factory's ways to make a connected socket. */
    @FunctionalInterface
    private interface SocketMaker {
        Socket make() throws IOException;
    }

    /** {@code on|off/idle/interval/count} through the JDK's own options. */
    private static String jdkView(Socket socket) throws IOException {
        return (socket.getOption(StandardSocketOptions.SO_KEEPALIVE) ? "on" : "off") + "/"
                + socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                + socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                + socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT);
    }

    /** The sockets this process holds open, counted through {@code /proc/self/fd}. */
    private static long openDescriptors() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }
}
