package dev.keepalive.internal;

import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.posix.TcpInfo;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * How long ago the kernel last received a segment from a connection's peer, for the {@code watch} command:
 * the silence the kernel's keep-alive counts, which answers to probes end though the application never sees
 * them. Read where the OS reports it (Linux, {@code TCP_INFO}) and the socket's descriptor can be reached
 * (the JVM opened {@code java.base} to this library). Never used by the keep-alive calls.
 */
public final class LastHeard {

    private LastHeard() {
    }

    /**
     * Reads the time since the peer was last heard from.
     *
     * @param socket a connected socket
     * @return the silence the kernel counts, or empty where it cannot be read (another OS, the descriptor out of
     *     reach, or the call failing)
     * @throws IOException if the socket is closed
     */
    public static Optional<Duration> of(Socket socket) throws IOException {
        if (Platform.os() != Os.LINUX) {
            return Optional.empty();
        }
        return Sessions.of(socket).withHandle(handle -> TcpInfo.sinceLastHeard((int) handle)).flatMap(read -> read);
    }
}
