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
        return guard.isPresent() ? onHandle(guard.get(), channel) : viaJdk(channel, JdkOptions.Carrier.of(channel));
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
        Optional<SocketGuard> guard = JdkSockets.guard(socket);
        return guard.isPresent() ? onHandle(guard.get(), socket) : viaJdk(socket, JdkOptions.Carrier.of(socket));
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
        Optional<SocketGuard> guard = JdkSockets.guard(socket);
        return guard.isPresent() ? onHandle(guard.get(), socket) : viaJdk(socket, JdkOptions.Carrier.of(socket));
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

    // the JDK-options carrier is made only when it is used: on the native path it would cost three lambdas'
    // first linkage in a fresh JVM and an allocation per view
    private static KeepAliveSession onHandle(SocketGuard guard, Object socket) {
        Backend backend = Platform.backend();
        backend.attach(guard.handle(), socket);
        return new KeepAliveSession(guard, backend, Access.NATIVE_HANDLE);
    }

    private static KeepAliveSession viaJdk(Object socket, JdkOptions.Carrier carrier) {
        return new KeepAliveSession(SocketGuard.ofJdkOptions(socket), JdkOptions.backend(carrier, Platform.backend()),
                Access.JDK_OPTIONS);
    }
}
