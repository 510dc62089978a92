package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.LastHeard;
import dev.keepalive.testing.Descriptors;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code TCP_INFO} read through the generated {@code struct tcp_info}: the time since the peer was last heard
 * from lies between the JVM's own clock readings around the peer's last segment, give or take the kernel's
 * granularity. No bound depends on how fast the machine is.
 */
@EnabledOnOs(OS.LINUX)
class TcpInfoIT {

    /** The kernel's clock ticks (4 ms at 250 Hz, up to 10 ms at 100 Hz) and the whole milliseconds it reports. */
    private static final long KERNEL_GRANULARITY_MS = 11;

    @Test
    void theSilenceIsTheTimeSinceThePeersLastSegment() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            OutputStream toClient = peer.getOutputStream();
            long sent = System.nanoTime();
            toClient.write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);
            long received = System.nanoTime();
            Thread.sleep(300);
            long asked = System.nanoTime();
            Duration silence = LastHeard.of(client).orElseThrow();
            long answered = System.nanoTime();
            assertThat(silence.toMillis()).as("silence in ms")
                    .isGreaterThanOrEqualTo(millis(asked - received) - KERNEL_GRANULARITY_MS)
                    .isLessThanOrEqualTo(millis(answered - sent) + KERNEL_GRANULARITY_MS);
        }
    }

    @Test
    void aSocketThatIsNotTcpHasNoSuchTime() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open()) {
            assertThat(TcpInfo.sinceLastHeard(Descriptors.of(udp))).isEmpty();
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
