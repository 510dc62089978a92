package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.Access;
import dev.keepalive.internal.Platform;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Loopback;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real native path on every supported OS: the same checks run here on Linux and, unchanged, on macOS
 * and Windows runners, where they exercise the Winsock and macOS calls that cannot run on this machine.
 * Values are compared with the JDK's own options wherever the JDK offers them on that OS.
 */
@EnabledOnOs({OS.LINUX, OS.MAC, OS.WINDOWS})
class CrossPlatformIT {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void whatIsAppliedIsWhatTheOsHolds(String address) throws Exception {
        Capabilities capabilities = SocketKeepAlive.capabilities();
        KeepAlive.Builder wanted = KeepAlive.builder().idle(Duration.ofSeconds(31)).interval(Duration.ofSeconds(7));
        if (capabilities.option("probes").isPresent()) {
            wanted.probes(4);
        }
        try (Loopback loopback = Loopback.open(address)) {
            SocketChannel channel = loopback.client;
            SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
            assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
            assertThat(keepAlive.isEnabled()).isFalse();

            KeepAlive applied = keepAlive.apply(wanted.build());

            assertThat(applied.enabled()).isTrue();
            assertThat(applied.idle()).contains(Duration.ofSeconds(31));
            assertThat(applied.interval()).contains(Duration.ofSeconds(7));
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPIDLE, 31);
            assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, 7);
            if (capabilities.option("probes").isPresent()) {
                assertThat(applied.probes()).hasValue(4);
                assertJdkReads(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, 4);
            } else {
                // only Windows before 10 1703 has no probe count to set: fixed at 10, and not reported
                assertThat(capabilities.os()).isEqualTo("Windows");
                assertThat(applied.probes()).isEmpty();
            }
            keepAlive.setEnabled(false);
            assertThat(channel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
            assertThat(keepAlive.isEnabled()).isFalse();
        }
    }

    @Test
    void aClosedChannelFailsLikeTheJdk() throws Exception {
        Loopback loopback = Loopback.open("127.0.0.1");
        SocketKeepAlive client = SocketKeepAlive.of(loopback.client);
        loopback.close();
        assertThatThrownBy(() -> client.setEnabled(true)).isExactlyInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(client::current).isExactlyInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> client.apply(KeepAlive.builder().probes(3).build()))
                .isExactlyInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> SocketKeepAlive.of(loopback.client).current())
                .isExactlyInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> SocketKeepAlive.of(loopback.server).setEnabled(true))
                .isExactlyInstanceOf(ClosedChannelException.class);
    }

    private static void assumeOs(Os wanted, String why) {
        Assumptions.assumeTrue(Platform.os() == wanted, () -> "needs " + wanted.displayName() + " (" + why
                + "); runs on " + System.getProperty("os.name"));
    }

    /**
     * macOS: after apply on a connection that then stays quiet, probes go out at the idle time given (XNU uses a
     * socket's idle time only while SO_KEEPALIVE is on, tcp_timer.h 302). Counted on the peer's side with
     * TCP_CONNECTION_INFO's tcpi_rxpackets, which each probe arriving adds to.
     */
    @Test
    void macOsProbesAQuietConnectionAtTheIdleTimeApplied() throws Exception {
        assumeOs(Os.MACOS, "XNU's keep-alive timer");
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive.of(loopback.client).apply(KeepAlive.builder().idle(Duration.ofSeconds(1))
                    .interval(Duration.ofSeconds(1)).probes(5).build());
            int peer = Descriptors.of(loopback.accepted);
            long before = macRxPackets(peer);
            Thread.sleep(3_500); // no traffic: only keep-alive probes reach the peer
            assertThat(macRxPackets(peer)).as("probes received by the peer").isGreaterThan(before);
            assertThat(loopback.client.isOpen()).isTrue();
        }
    }

    /** tcpi_rxpackets of XNU's struct tcp_connection_info (bsd/netinet/tcp.h): offset 80, a u_int64_t. */
    private static long macRxPackets(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(256, 8);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 256);
            assertThat(posix_h.getsockopt(fd, 6, 0x106, info, length)).isZero();
            return info.get(ValueLayout.JAVA_LONG, 80);
        }
    }

    /** macOS 13 and earlier drop a listener whose keep-alive timer fires; this one still accepts, and passes it on. */
    @Test
    void macOsListenerWithSettingsStillAcceptsAfterTheIdleTime() throws Exception {
        assumeOs(Os.MACOS, "XNU's handling of listening sockets");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketKeepAlive.of(listener).apply(KeepAlive.builder().idle(Duration.ofSeconds(1))
                    .interval(Duration.ofSeconds(1)).probes(2).build());
            Thread.sleep(3_000);
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel accepted = AcceptedSockets.accept(listener)) {
                assertThat(client.isConnected()).isTrue();
                assertThat(SocketKeepAlive.of(accepted).current().idle()).contains(Duration.ofSeconds(1));
            }
        }
    }

    /** macOS 10.12+ reads the system default for an option never set; the report says where it comes from. */
    @Test
    void macOsReportsUnsetOptionsAsTheSystemDefaults() throws Exception {
        assumeOs(Os.MACOS, "XNU's read-back of unset options");
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            EffectiveKeepAlive effective = SocketKeepAlive.of(loopback.client).effective();
            SystemDefaults defaults = SocketKeepAlive.systemDefaults();
            assertThat(effective.idle().source()).isEqualTo(dev.keepalive.ValueSource.SYSTEM_DEFAULT);
            assertThat(effective.idle().value()).isEqualTo(defaults.idle().value());
            assertThat(effective.probes().value()).isEqualTo(defaults.probes().value());
        }
    }

    /** Windows: the per-option path from build 16299 (10 1709) on, SIO_KEEPALIVE_VALS before, as probed. */
    @Test
    void windowsChoosesThePathItsBuildHas() throws Exception {
        assumeOs(Os.WINDOWS, "the Winsock probe");
        Process ver = new ProcessBuilder("cmd.exe", "/c", "ver").redirectErrorStream(true).start();
        String output = new String(ver.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ver.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.regex.Matcher build = java.util.regex.Pattern.compile("10\\.0\\.(\\d+)").matcher(output);
        assertThat(build.find()).as(output).isTrue();
        String expected = Integer.parseInt(build.group(1)) >= 16299 ? "TCP_KEEPALIVE" : "SIO_KEEPALIVE_VALS";
        assertThat(SocketKeepAlive.capabilities().option("idle").orElseThrow().nativeOption()).isEqualTo(expected);
    }

    /** Windows: TCP_MAXRT -1 ("retransmit forever") set, read back and reported; a fresh socket's read never fails. */
    @Test
    void windowsUserTimeoutForeverRoundTrips() throws Exception {
        assumeOs(Os.WINDOWS, "TCP_MAXRT");
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            keepAlive.effective(); // whatever an unset TCP_MAXRT reads, the report is made
            Duration forever = ChronoUnit.FOREVER.getDuration();
            keepAlive.setUserTimeout(forever);
            assertThat(keepAlive.current().userTimeout()).contains(forever);
            assertThat(keepAlive.effective().userTimeout().origin()).contains("retransmits forever");
        }
    }

    @Test
    void aHandleThatCannotBeASocketIsRefusedWithTheOsMessage() {
        // -1 is a negative descriptor on Linux and macOS, and INVALID_SOCKET (~0) on Windows
        String message = switch (SocketKeepAlive.capabilities().os()) {
            case "Windows" -> "the handle is INVALID_SOCKET";
            case "Linux", "macOS" -> "a file descriptor is a non-negative int, was -1";
            default -> throw new AssertionError("not an OS this library supports");
        };
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(-1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** The JDK reads the value back where it offers the option; it does on every OS but old Windows. */
    private static void assertJdkReads(SocketChannel channel, SocketOption<Integer> option, int expected)
            throws Exception {
        if (channel.supportedOptions().contains(option)) {
            assertThat(channel.getOption(option)).as(option.name()).isEqualTo(expected);
        } else {
            assertThat(SocketKeepAlive.capabilities().os()).as("the JDK lacks " + option.name() + " only on Windows")
                    .isEqualTo("Windows");
        }
    }
}
