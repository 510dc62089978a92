package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.linux.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Loopback;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Bad handles, bad sockets and bad values on Linux, each with the exact outcome a user gets. */
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
        assertThatThrownBy(() -> SocketKeepAlive.of(server).isEnabled()).isInstanceOf(SocketException.class);
    }

    @Test
    void impossibleHandlesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a file descriptor is a non-negative int, was -1");
        assertThatThrownBy(() -> SocketKeepAlive.ofHandle(1L << 32)).isInstanceOf(IllegalArgumentException.class);
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
    void aUdpSocketTakesSoKeepAliveButNoTcpOption() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.ofHandle(Descriptors.of(udp));
            keepAlive.setEnabled(true);
            assertThat(keepAlive.isEnabled()).isTrue();
            assertThatThrownBy(() -> keepAlive.setIdle(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(SocketOptionException.class, e -> {
                        assertThat(e.option()).isEqualTo("TCP_KEEPIDLE");
                        assertThat(e.errorName()).isEqualTo("ENOPROTOOPT");
                    });
            assertThatThrownBy(() -> keepAlive.apply(KeepAlive.builder().probes(3).build()))
                    .isInstanceOfSatisfying(SocketOptionException.class,
                            e -> assertThat(e.errorName()).isEqualTo("ENOPROTOOPT"));
        }
    }

    @Test
    void aUnixDomainSocketRefusesTheTcpOptions() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(temp.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address)) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            assertThatThrownBy(() -> keepAlive.setProbes(3)).isInstanceOfSatisfying(SocketOptionException.class,
                    e -> assertThat(e.errorName()).isEqualTo("EOPNOTSUPP"));
            assertThatThrownBy(keepAlive::current).isInstanceOf(SocketOptionException.class);
        }
    }

    @Test
    void limitsAreTheKernelsAndAreCheckedBeforeAnyCall() throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            int fd = Descriptors.of(loopback.client);
            int tcp = posix_h.IPPROTO_TCP();

            keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(32767)).interval(Duration.ofSeconds(32767))
                    .probes(127).userTimeout(Duration.ofMillis(Integer.MAX_VALUE)).build());
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(32767);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(127);

            // one past each limit: refused here, and refused by the kernel too when sent directly
            assertThatThrownBy(() -> keepAlive.setIdle(Duration.ofSeconds(32768)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 32767 s");
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPIDLE(), 32768)).isEqualTo(-1);
            assertThatThrownBy(() -> keepAlive.setInterval(Duration.ofSeconds(32768)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPINTVL(), 32768)).isEqualTo(-1);
            assertThatThrownBy(() -> keepAlive.setProbes(128)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 127");
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPCNT(), 128)).isEqualTo(-1);
            assertThatThrownBy(() -> keepAlive.setUserTimeout(Duration.ofMillis(Integer.MAX_VALUE + 1L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> keepAlive.setIdle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Descriptors.setsockopt(fd, tcp, posix_h.TCP_KEEPIDLE(), 0)).isEqualTo(-1);
            assertThatThrownBy(() -> keepAlive.setIdle(Duration.ofSeconds(-5)))
                    .isInstanceOf(IllegalArgumentException.class);

            // nothing refused changed the socket
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(32767);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(127);
            assertThat(loopback.client.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
        }
    }

    @Test
    void nullArgumentsAreRefused() throws Exception {
        assertThatThrownBy(() -> SocketKeepAlive.of((SocketChannel) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SocketKeepAlive.of((Socket) null)).isInstanceOf(NullPointerException.class);
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            assertThatThrownBy(() -> keepAlive.apply(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> keepAlive.setIdle(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
