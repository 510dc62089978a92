package dev.keepalive.internal;

import dev.keepalive.internal.Connections.Connection;
import dev.keepalive.internal.Connections.InChannel;
import dev.keepalive.internal.Connections.InImpl;
import dev.keepalive.internal.Connections.InServerImpl;
import dev.keepalive.internal.Connections.ThroughOwnOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannel;
import java.nio.channels.NetworkChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes the {@link KeepAliveSession} for each kind of socket: on the native handle of the connection it really
 * uses where possible, else through the socket's own JDK options, saying why.
 */
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
        if (!NativeAccess.enabled()) {
            return throughOptions(channel, NativeAccess.deniedShort());
        }
        Optional<SocketGuard> guard = channel instanceof AsynchronousChannel
                ? JdkSockets.asyncGuard(channel) : JdkSockets.guard(channel);
        return onHandle(guard, channel);
    }

    /**
     * A session on a socket: on the connection it uses, which may be a channel's, its own, or that of the
     * socket under its TLS layers ({@link Connections}).
     *
     * @param socket the socket
     * @return the session
     */
    public static KeepAliveSession of(Socket socket) {
        Objects.requireNonNull(socket, "socket");
        return ofSocket(socket, () -> Connections.of(socket));
    }

    /**
     * A session on a server socket.
     *
     * @param socket the server socket
     * @return the session
     */
    public static KeepAliveSession of(ServerSocket socket) {
        Objects.requireNonNull(socket, "socket");
        return ofSocket(socket, () -> Connections.of(socket));
    }

    /**
     * A session on a raw handle.
     *
     * @param handle a POSIX file descriptor or a Windows {@code SOCKET}
     * @return the session
     * @throws IllegalArgumentException if the number cannot be a handle on this OS
     * @throws UnsupportedOperationException if the JVM denies this library native access, which a raw handle
     *     cannot do without
     */
    public static KeepAliveSession ofHandle(long handle) {
        Backend backend = Platform.backend();
        Platform.checkHandle(handle);
        if (!NativeAccess.enabled()) {
            throw new UnsupportedOperationException("a raw handle can only be reached by native calls, which the JVM"
                    + " denies this library; start the JVM with " + NativeAccess.flag());
        }
        return new KeepAliveSession(SocketGuard.ofHandle(handle), backend, Access.NATIVE_HANDLE);
    }

    /**
     * A session on a {@code Socket} or {@code ServerSocket}: where its connection lives is asked only once native
     * access is known to be allowed.
     */
    private static KeepAliveSession ofSocket(Object socket, Supplier<Connection> connection) {
        if (!NativeAccess.enabled()) {
            return throughOptions(socket, NativeAccess.deniedShort());
        }
        return switch (connection.get()) {
            case InChannel in -> onHandle(JdkSockets.guard(in.channel(), true), socket);
            case InImpl in -> onHandle(JdkSockets.guard(in.socket()), socket);
            case InServerImpl in -> onHandle(JdkSockets.guard(in.socket()), socket);
            case ThroughOwnOptions own -> throughOptions(socket, own.why());
        };
    }

    private static KeepAliveSession onHandle(Optional<SocketGuard> guard, Object socket) {
        if (guard.isPresent()) {
            Backend backend = Platform.backend();
            KeepAliveSession session = new KeepAliveSession(guard.get(), backend, Access.NATIVE_HANDLE);
            if (backend.remembersPerHandle()) {
                session.attach(socket);
            }
            return session;
        }
        return throughOptions(socket, "");
    }

    /**
     * A session through the socket's own JDK options.
     *
     * @param why why, for {@code access()} and for the messages of what cannot be reached; empty where the JVM
     *     did not open {@code java.base} to this library
     */
    private static KeepAliveSession throughOptions(Object socket, String why) {
        return new KeepAliveSession(SocketGuard.ofJdkOptions(socket), JdkOptions.backend(carrierOf(socket),
                Platform.backend(), why), Access.JDK_OPTIONS, why);
    }

    /**
     * The JDK's options of a socket, made only where they are used: on the native path they would cost a few
     * objects per view and, in a fresh JVM, the first linkage of the method references they hold.
     */
    private static JdkOptions.Carrier carrierOf(Object socket) {
        if (socket instanceof NetworkChannel channel) {
            return JdkOptions.Carrier.of(channel);
        }
        if (socket instanceof Socket plain) {
            return JdkOptions.Carrier.of(plain);
        }
        return JdkOptions.Carrier.of((ServerSocket) socket);
    }
}
