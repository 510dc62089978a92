package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.Loopback;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad handles, bad sockets and bad values on Linux, each with the exact outcome a user gets. The values are one
 * table, {@link #values()}: each row runs on a live socket whose five options are first set to {@code BEFORE},
 * and the kernel's state afterwards is read with plain {@code getsockopt}.
 */
@EnabledOnOs(OS.LINUX)
class ErrorCasesIT {

    @TempDir
    Path temp;

    @Test
    void aClosedSocketFailsLikeTheJdk() throws Exception {
        Socket socket = new Socket();
        SocketKeepAlive keepAlive = SocketKeepAlive.of(socket);
        socket.close();
        assertThatThrownBy(() -> keepAlive.setEnabled(true)).isInstanceOf(SocketException.class)
                .hasMessage("Socket is closed");
        assertThatThrownBy(() -> SocketKeepAlive.of(socket).isEnabled()).isInstanceOf(SocketException.class)
                .hasMessage("Socket is closed");
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.close();
        assertThatThrownBy(() -> SocketKeepAlive.of(server).isEnabled()).isInstanceOf(SocketException.class)
                .hasMessage("Socket is closed");
    }

    @Test
    void impossibleHandlesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a file descriptor is a non-negative int, was -1");
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(Integer.MAX_VALUE + 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a file descriptor is a non-negative int, was 2147483648");
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedHandleFailsWithEbadf() throws Exception {
        int fd = Descriptors.socket(posix_h.AF_INET(), posix_h.SOCK_STREAM());
        SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(fd);
        Descriptors.close(fd);
        assertThatThrownBy(() -> keepAlive.setEnabled(true)).isInstanceOfSatisfying(SocketOptionException.class,
                e -> {
                    assertThat(e.option()).isEqualTo("SO_KEEPALIVE");
                    assertThat(e.errorCode()).isEqualTo(9);
                    assertThat(e.errorName()).isEqualTo("EBADF");
                    assertThat(e.osMessage()).isEqualTo("Bad file descriptor");
                    assertThat(e).hasMessage("setsockopt(SO_KEEPALIVE) failed: EBADF (9): Bad file descriptor");
                });
    }

    @Test
    void aFileDescriptorIsNotASocket() throws Exception {
        Path file = Files.createFile(temp.resolve("not-a-socket"));
        try (FileChannel channel = FileChannel.open(file)) {
            SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(Descriptors.of(channel));
            assertThatThrownBy(keepAlive::isEnabled).isInstanceOfSatisfying(SocketOptionException.class, e -> {
                assertThat(e.errorName()).isEqualTo("ENOTSOCK");
                assertThat(e.errorCode()).isEqualTo(88);
                assertThat(e).hasMessage(
                        "getsockopt(SO_KEEPALIVE) failed: ENOTSOCK (88): Socket operation on non-socket");
            });
        }
    }

    @Test
    void aPipeIsNotASocket() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            for (int fd : new int[] {Descriptors.of(source), Descriptors.of(sink)}) {
                SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(fd);
                assertThatThrownBy(() -> keepAlive.setEnabled(true))
                        .isInstanceOfSatisfying(SocketOptionException.class, e -> assertThat(e).hasMessage(
                                "setsockopt(SO_KEEPALIVE) failed: ENOTSOCK (88): Socket operation on non-socket"));
            }
        }
    }

    @Test
    void aUdpSocketTakesSoKeepAliveButNoTcpOption() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(Descriptors.of(udp));
            keepAlive.setEnabled(true);
            assertThat(keepAlive.isEnabled()).isTrue();
            assertRefused(() -> keepAlive.setIdle(Duration.ofSeconds(5)), "setsockopt", "TCP_KEEPIDLE", 92,
                    "ENOPROTOOPT", "Protocol not available");
            // apply reads the options before it changes any, and fails on the first
            assertRefused(() -> keepAlive.apply(KeepAlive.builder().probes(3).build()), "getsockopt",
                    "TCP_KEEPIDLE", 92, "ENOPROTOOPT", "Protocol not available");
            assertThat(keepAlive.isEnabled()).as("SO_KEEPALIVE after the refused apply").isTrue();
        }
    }

    @Test
    void aUnixDomainSocketRefusesTheTcpOptions() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(temp.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address)) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            assertRefused(() -> keepAlive.setProbes(3), "setsockopt", "TCP_KEEPCNT", 95, "EOPNOTSUPP",
                    "Operation not supported");
            assertRefused(keepAlive::current, "getsockopt", "TCP_KEEPIDLE", 95, "EOPNOTSUPP",
                    "Operation not supported");
        }
    }

    /** The OS refused the call: the whole outcome, down to the operation named in the message. */
    private static void assertRefused(ThrowingCallable call, String operation, String option, int errorCode,
            String errorName, String osMessage) {
        assertThatThrownBy(call).isExactlyInstanceOf(SocketOptionException.class)
                .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo(option);
                    assertThat(e.errorCode()).isEqualTo(errorCode);
                    assertThat(e.errorName()).isEqualTo(errorName);
                    assertThat(e.osMessage()).isEqualTo(osMessage);
                    assertThat(e).hasMessage(operation + "(" + option + ") failed: " + errorName + " (" + errorCode
                            + "): " + osMessage);
                });
    }

    /** Applies a bad or borderline input to a view of a live socket. */
    @FunctionalInterface
    interface Action {
        void run(SocketKeepAlive keepAlive) throws Exception;
    }

    /** One row: the input, and either the kernel state it leads to or the exception it is refused with. */
    record Row(String input, Action action, UnaryOperator<KernelSettings> effect,
               Class<? extends Exception> refusal, String message) {

        @Override
        public String toString() {
            return input;
        }
    }

    /** The state every row starts from: nothing like the defaults, and nothing like any row's value. */
    private static final KernelSettings BEFORE = KernelSettings.UNLIKE_DEFAULTS;
    private static final String USER_TIMEOUT_RANGE = " is outside TCP_USER_TIMEOUT's range on Linux:"
            + " 0 to 2147483647 ms (durations are rounded up to whole milliseconds)";
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    static Stream<Row> values() {
        return Stream.of(generalRows(), secondsRows("idle", "TCP_KEEPIDLE", SocketKeepAlive::setIdle,
                KeepAlive.Builder::idle, KernelSettings::withIdle), secondsRows("interval", "TCP_KEEPINTVL",
                SocketKeepAlive::setInterval, KeepAlive.Builder::interval, KernelSettings::withInterval))
                .flatMap(rows -> rows);
    }

    private static Stream<Row> generalRows() {
        return Stream.of(
                takes("setEnabled(true)", k -> k.setEnabled(true), s -> s.withKeepAlive(1)),
                takes("apply(enabled(false), probes 3)",
                        k -> k.apply(KeepAlive.builder().enabled(false).probes(3).build()),
                        s -> s.withKeepAlive(0).withCount(3)),
                // idle and interval: secondsRows
                // probes
                takes("probes 1 (minimum)", k -> k.setProbes(1), s -> s.withCount(1)),
                takes("probes 127 (maximum)", k -> k.setProbes(127), s -> s.withCount(127)),
                refuses("probes 128", k -> k.setProbes(128), IllegalArgumentException.class,
                        "probes 128 is outside TCP_KEEPCNT's range on Linux: 1 to 127"),
                refuses("probes 0", k -> k.setProbes(0), IllegalArgumentException.class,
                        "probes 0 is outside TCP_KEEPCNT's range on Linux: 1 to 127"),
                refuses("probes Integer.MIN_VALUE", k -> k.setProbes(Integer.MIN_VALUE), IllegalArgumentException.class,
                        "probes -2147483648 is outside TCP_KEEPCNT's range on Linux: 1 to 127"),
                refuses("probes Integer.MAX_VALUE", k -> k.setProbes(Integer.MAX_VALUE), IllegalArgumentException.class,
                        "probes 2147483647 is outside TCP_KEEPCNT's range on Linux: 1 to 127"),
                refuses("builder probes 0", k -> k.apply(KeepAlive.builder().probes(0).build()),
                        IllegalArgumentException.class, "probes must be at least 1, was 0"),
                // user timeout
                takes("userTimeout 0 (off)", k -> k.setUserTimeout(Duration.ZERO), s -> s.withUserTimeout(0)),
                takes("userTimeout 1 ns", k -> k.setUserTimeout(Duration.ofNanos(1)), s -> s.withUserTimeout(1)),
                takes("userTimeout 1 ms + 1 ns", k -> k.setUserTimeout(Duration.ofNanos(1_000_001)),
                        s -> s.withUserTimeout(2)),
                takes("userTimeout 2147483647 ms (maximum)",
                        k -> k.setUserTimeout(Duration.ofMillis(Integer.MAX_VALUE)),
                        s -> s.withUserTimeout(Integer.MAX_VALUE)),
                refuses("userTimeout 2147483648 ms", k -> k.setUserTimeout(Duration.ofMillis(Integer.MAX_VALUE + 1L)),
                        IllegalArgumentException.class, "userTimeout PT596H31M23.648S" + USER_TIMEOUT_RANGE),
                refuses("userTimeout -1 ns", k -> k.setUserTimeout(Duration.ofNanos(-1)),
                        IllegalArgumentException.class, "userTimeout must not be negative, was PT-0.000000001S"),
                refuses("userTimeout Long.MAX_VALUE s + 999999999 ns", k -> k.setUserTimeout(FOREVER),
                        IllegalArgumentException.class, "userTimeout " + FOREVER + USER_TIMEOUT_RANGE),
                refuses("userTimeout null", k -> k.setUserTimeout(null), NullPointerException.class, "userTimeout"),
                refuses("builder userTimeout -1 ms",
                        k -> k.apply(KeepAlive.builder().userTimeout(Duration.ofMillis(-1)).build()),
                        IllegalArgumentException.class, "userTimeout must not be negative, was PT-0.001S"),
                // whole settings
                refuses("apply: good idle and interval, probes 128", k -> k.apply(KeepAlive.builder()
                                .idle(Duration.ofSeconds(10)).interval(Duration.ofSeconds(10)).probes(128).build()),
                        IllegalArgumentException.class, "probes 128 is outside TCP_KEEPCNT's range on Linux: 1 to 127"),
                refuses("apply(null)", k -> k.apply(null), NullPointerException.class, "settings"));
    }

    /** Setting idle or interval on a view. */
    @FunctionalInterface
    interface DurationSetter {
        void set(SocketKeepAlive keepAlive, Duration value) throws Exception;
    }

    /** The same rows for idle and interval: both are whole seconds from 1 to 32767 on Linux. */
    private static Stream<Row> secondsRows(String name, String option, DurationSetter setter,
            BiFunction<KeepAlive.Builder, Duration, KeepAlive.Builder> builder,
            BiFunction<KernelSettings, Integer, KernelSettings> effect) {
        String range = " is outside " + option + "'s range on Linux: 1 to 32767 s"
                + " (durations are rounded up to whole seconds)";
        return Stream.of(
                takes(name + " 1 ns", k -> setter.set(k, Duration.ofNanos(1)), s -> effect.apply(s, 1)),
                takes(name + " 1 s (minimum)", k -> setter.set(k, Duration.ofSeconds(1)), s -> effect.apply(s, 1)),
                takes(name + " 32766 s + 1 ns", k -> setter.set(k, Duration.ofSeconds(32766, 1)),
                        s -> effect.apply(s, 32767)),
                takes(name + " 32767 s (maximum)", k -> setter.set(k, Duration.ofSeconds(32767)),
                        s -> effect.apply(s, 32767)),
                refuses(name + " 32767 s + 1 ns", k -> setter.set(k, Duration.ofSeconds(32767, 1)),
                        IllegalArgumentException.class, name + " PT9H6M7.000000001S" + range),
                refuses(name + " 32768 s", k -> setter.set(k, Duration.ofSeconds(32768)),
                        IllegalArgumentException.class, name + " PT9H6M8S" + range),
                refuses(name + " 0", k -> setter.set(k, Duration.ZERO),
                        IllegalArgumentException.class, name + " PT0S" + range),
                refuses(name + " -1 ns", k -> setter.set(k, Duration.ofNanos(-1)),
                        IllegalArgumentException.class, name + " must not be negative, was PT-0.000000001S"),
                refuses(name + " Long.MAX_VALUE s + 999999999 ns", k -> setter.set(k, FOREVER),
                        IllegalArgumentException.class, name + " " + FOREVER + range),
                refuses(name + " null", k -> setter.set(k, null), NullPointerException.class, name),
                refuses("builder " + name + " 0", k -> k.apply(builder.apply(KeepAlive.builder(), Duration.ZERO)
                                .build()), IllegalArgumentException.class, name + " must be positive, was PT0S"),
                refuses("builder " + name + " -1 s", k -> k.apply(builder.apply(KeepAlive.builder(),
                                Duration.ofSeconds(-1)).build()), IllegalArgumentException.class,
                        name + " must be positive, was PT-1S"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void eachValueHasItsExactOutcomeAndARefusalChangesNothing(Row row) throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            KernelSettings.set(fd, BEFORE);
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            if (row.refusal() == null) {
                row.action().run(keepAlive);
                assertThat(KernelSettings.of(fd)).isEqualTo(row.effect().apply(BEFORE));
                System.out.println("[ErrorCasesIT] " + row.input() + " -> accepted, kernel holds "
                        + KernelSettings.of(fd));
            } else {
                assertThatThrownBy(() -> row.action().run(keepAlive)).isExactlyInstanceOf(row.refusal())
                        .hasMessage(row.message());
                assertThat(KernelSettings.of(fd)).as("the socket after a refusal").isEqualTo(BEFORE);
                System.out.println("[ErrorCasesIT] " + row.input() + " -> " + row.refusal().getSimpleName()
                        + ": " + row.message());
            }
        }
    }

    private static Row takes(String input, Action action, UnaryOperator<KernelSettings> effect) {
        return new Row(input, action, effect, null, null);
    }

    private static Row refuses(String input, Action action, Class<? extends Exception> refusal, String message) {
        return new Row(input, action, null, refusal, message);
    }

    @Test
    void theLimitsAreTheKernelsOwn() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            int tcp = posix_h.IPPROTO_TCP();
            // the kernel itself takes each maximum and refuses one more: the library's limits are not stricter
            for (int option : new int[] {posix_h.TCP_KEEPIDLE(), posix_h.TCP_KEEPINTVL()}) {
                assertThat(Descriptors.setsockopt(fd, tcp, option, 32767)).isZero();
                assertThat(Descriptors.setsockopt(fd, tcp, option, 32768)).isEqualTo(-1);
                assertThat(Descriptors.setsockopt(fd, tcp, option, 0)).isEqualTo(-1);
            }
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPCNT(), 127)).isZero();
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPCNT(), 128)).isEqualTo(-1);
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_USER_TIMEOUT(), Integer.MAX_VALUE)).isZero();
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_USER_TIMEOUT(), -1)).isEqualTo(-1);
        }
    }

    @Test
    void nullArgumentsAreRefused() throws Exception {
        // each names what was null, as the docs promise
        assertThatThrownBy(() -> SocketKeepAlive.of((SocketChannel) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThatThrownBy(() -> SocketKeepAlive.of((ServerSocketChannel) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThatThrownBy(() -> SocketKeepAlive.of((Socket) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("socket");
        assertThatThrownBy(() -> SocketKeepAlive.of((ServerSocket) null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("socket");
        assertThatThrownBy(() -> KeepAlive.builder().idle(null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("idle");
        assertThatThrownBy(() -> KeepAlive.builder().interval(null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("interval");
        assertThatThrownBy(() -> KeepAlive.builder().userTimeout(null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("userTimeout");
    }
}
