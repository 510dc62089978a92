package dev.keepalive.internal.posix;

import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.internal.posix.gen.tcp_info;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;

/**
 * Linux's {@code getsockopt(TCP_INFO)}: how long ago the kernel last received a segment from the peer. Not
 * one of the keep-alive calls (it allocates its buffer per call); the {@code watch} command uses it.
 */
public final class TcpInfo {

    /** The bytes the kernel must fill for both fields read here. */
    private static final long NEEDED = Math.max(tcp_info.tcpi_last_data_recv$offset(),
            tcp_info.tcpi_last_ack_recv$offset()) + Integer.BYTES;

    private TcpInfo() {
    }

    /**
     * The time since the kernel last heard from the peer: the smaller of {@code tcpi_last_data_recv} (since the
     * last segment with data) and {@code tcpi_last_ack_recv} (since the last acknowledgement, which is what an
     * answer to a keep-alive probe is). The kernel's keep-alive timer counts silence the same way
     * ({@code keepalive_time_elapsed} in {@code include/net/tcp.h}: the smaller of the times since the last
     * data and since the last acknowledgement received). The kernel reports whole milliseconds, counted in
     * its timer ticks.
     *
     * @param fd an open TCP socket's descriptor; the caller keeps it open during the call
     * @return the silence, or empty if the call fails (not a TCP socket, for example)
     */
    public static Optional<Duration> sinceLastHeard(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(tcp_info.layout());
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, (int) tcp_info.sizeof());
            if (posix_h.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_INFO(), info, length) != 0
                    || length.get(ValueLayout.JAVA_INT, 0) < NEEDED) {
                return Optional.empty();
            }
            long data = Integer.toUnsignedLong(tcp_info.tcpi_last_data_recv(info));
            long ack = Integer.toUnsignedLong(tcp_info.tcpi_last_ack_recv(info));
            return Optional.of(Duration.ofMillis(Math.min(data, ack)));
        }
    }
}
