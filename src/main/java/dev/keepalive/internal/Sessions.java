package dev.keepalive.internal;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannel;
import java.nio.channels.NetworkChannel;
import java.util.Objects;
import java.util.Optional;

/** Makes the {@link KeepAliveSession} for each kind of socket: native where possible, else the JDK's. */
public final class Sessions {

    /** The access path where the library calls the OS on the socket's handle. */
    public static final String NATIVE = "native handle";
    /** The access path where the library goes through the JDK's socket options. */
    public static final String JDK = "JDK socket options";

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
        if (channel instanceof AsynchronousChannel) {
            return ofAsync(channel);
        }
        return create(JdkSockets.guard(channel), channel, JdkOptions.Carrier.of(channel));
    }

    private static KeepAliveSession ofAsync(NetworkChannel channel) {
        Optional<JdkSockets.AsyncAccess> access = JdkSockets.asyncAccess(channel);
        if (access.isEmpty()) {
            return create(Optional.empty(), channel, JdkOptions.Carrier.of(channel));
        }
        Backend backend = Platform.backend();
        SocketGuard guard = access.get().guard();
        SocketOptions options = new CloseLockedOptions(backend.open(guard.handle(), channel),
                access.get().closeLock(), guard);
        return new KeepAliveSession(guard, backend.table(), options, NATIVE);
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
        backend.checkHandle(handle);
        SocketGuard guard = SocketGuard.ofHandle(handle);
        return new KeepAliveSession(guard, backend.table(), backend.open(handle, guard), NATIVE);
    }

    private static KeepAliveSession create(Optional<SocketGuard> guard, Object owner, JdkOptions.Carrier carrier) {
        Backend backend = Platform.backend();
        if (guard.isPresent()) {
            long handle = guard.get().handle();
            return new KeepAliveSession(guard.get(), backend.table(), backend.open(handle, owner), NATIVE);
        }
        // the JDK keeps its own sockets safe from concurrent closes; the guard only serialises this view
        return new KeepAliveSession(SocketGuard.ofHandle(-1), JdkOptions.table(backend.table()),
                new JdkOptions(carrier), JDK);
    }
}
