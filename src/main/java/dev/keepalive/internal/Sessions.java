package dev.keepalive.internal;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannel;
import java.nio.channels.NetworkChannel;
import java.util.Objects;
import java.util.Optional;

/** Makes the {@link KeepAliveSession} for each kind of socket: on its native handle where possible, else the JDK's. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * A session on a channel.
     *
     * @param channel a {@code SocketChannel}, {@code ServerSocketChannel}, {@code AsynchronousSocketChannel}
     *     or {@code AsynchronousServerSocketChannel}
     * @return the session
     */
    public static KeepAliveSession of(NetworkChannel channel) {
        Objects.requireNonNull(channel, "channel");
        Optional<SocketGuard> guard = channel instanceof AsynchronousChannel
                ? JdkSockets.asyncGuard(channel) : JdkSockets.guard(channel);
        return create(guard, channel, JdkOptions.Carrier.of(channel));
    }

    /**
     * A session on a socket.
     *
     * @param socket the socket
     * @return the session
     */
    public static KeepAliveSession of(Socket socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.getChannel() != null) {
            return of(socket.getChannel());
        }
        return create(JdkSockets.guard(socket), socket, JdkOptions.Carrier.of(socket));
    }

    /**
     * A session on a server socket.
     *
     * @param socket the server socket
     * @return the session
     */
    public static KeepAliveSession of(ServerSocket socket) {
        Objects.requireNonNull(socket, "socket");
        if (socket.getChannel() != null) {
            return of(socket.getChannel());
        }
        return create(JdkSockets.guard(socket), socket, JdkOptions.Carrier.of(socket));
    }

    /**
     * A session on a raw handle.
     *
     * @param handle a POSIX file descriptor or a Windows {@code SOCKET}
     * @return the session
     * @throws IllegalArgumentException if the number cannot be a handle on this OS
     */
    public static KeepAliveSession ofHandle(long handle) {
        Backend backend = Platform.backend();
        Platform.checkHandle(handle);
        return new KeepAliveSession(SocketGuard.ofHandle(handle), backend, Access.NATIVE_HANDLE);
    }

    private static KeepAliveSession create(Optional<SocketGuard> guard, Object socket, JdkOptions.Carrier carrier) {
        Backend backend = Platform.backend();
        if (guard.isPresent()) {
            backend.attach(guard.get().handle(), socket);
            return new KeepAliveSession(guard.get(), backend, Access.NATIVE_HANDLE);
        }
        return new KeepAliveSession(SocketGuard.ofJdkOptions(socket), JdkOptions.backend(carrier, backend),
                Access.JDK_OPTIONS);
    }
}
