package dev.keepalive.internal;

import dev.keepalive.internal.JdkHandles.Sockets;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.StandardSocketOptions;
import java.util.Optional;

/**
 * The guard of a {@link Socket} or {@link ServerSocket} reached through the JDK's {@code NioSocketImpl}, which it
 * finds again on every call. A {@code Socket}'s implementation is not fixed: an HTTP proxy's connect closes the
 * first one and puts the tunnel's in its place, and {@code ServerSocket.implAccept} closes the one a socket was
 * made with and puts the accepted connection's in. A failed connect closes the implementation while, before JDK
 * 24, the {@code Socket} stays open. So each call reads {@code Socket.impl}, unwraps the SOCKS or HTTP
 * implementation around the platform one, and holds that one's {@code stateLock}, the lock its close takes; under
 * it, the implementation must still be the socket's and must not be closing (a close marks it so under that lock
 * before the descriptor is released), and only then is its descriptor read.
 */
final class ImplGuard implements SocketGuard {

    /** The lock given when the socket's implementation is no longer the JDK's: the call then fails. */
    private static final Object FOREIGN = new Object();

    private final Socket socket;
    private final ServerSocket server;

    private ImplGuard(Socket socket, ServerSocket server) {
        this.socket = socket;
        this.server = server;
    }

    /**
     * The guard of a socket whose implementation is the JDK's.
     *
     * @param socket the socket; its native socket is made now if it was not yet, as the JDK makes it for its
     *     own options, so that settings made before {@code connect} stay
     * @return the guard, or empty if the handles are missing or the implementation is another
     */
    static Optional<SocketGuard> of(Socket socket) {
        Sockets handles = JdkHandles.sockets().handles();
        if (handles == null) {
            return Optional.empty();
        }
        try {
            socket.getOption(StandardSocketOptions.SO_KEEPALIVE);
        } catch (IOException closed) {
            // a closed socket gets a guard all the same: each call then fails as the JDK's own calls do
        }
        SocketImpl impl = platformImpl(handles, (SocketImpl) handles.socketImpl().getVolatile(socket));
        return impl == null ? Optional.empty() : Optional.of(new ImplGuard(socket, null));
    }

    /**
     * The guard of a server socket whose implementation is the JDK's.
     *
     * @param socket the server socket; its native socket is made now if it was not yet
     * @return the guard, or empty if the handles are missing or the implementation is another
     */
    static Optional<SocketGuard> of(ServerSocket socket) {
        Sockets handles = JdkHandles.sockets().handles();
        if (handles == null) {
            return Optional.empty();
        }
        try {
            socket.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException closed) {
            // as for a Socket
        }
        SocketImpl impl = platformImpl(handles, (SocketImpl) handles.serverSocketImpl().get(socket));
        return impl == null ? Optional.empty() : Optional.of(new ImplGuard(null, socket));
    }

    /**
     * The platform implementation inside a socket's implementation.
     *
     * @param handles the handles
     * @param impl {@code Socket.impl} or {@code ServerSocket.impl}
     * @return the {@code NioSocketImpl}, or {@code null} if there is none (another {@code SocketImpl})
     */
    static SocketImpl platformImpl(Sockets handles, SocketImpl impl) {
        // new Socket() and new Socket(Proxy) wrap the platform implementation in a SOCKS or HTTP one
        SocketImpl platform = impl != null && handles.delegating().isInstance(impl)
                ? (SocketImpl) handles.delegate().get(impl) : impl;
        return platform != null && platform.getClass() == handles.nioSocketImpl() ? platform : null;
    }

    private SocketImpl current(Sockets handles) {
        SocketImpl impl = socket != null
                ? (SocketImpl) handles.socketImpl().getVolatile(socket)
                : (SocketImpl) handles.serverSocketImpl().get(server);
        return platformImpl(handles, impl);
    }

    @Override
    public Object lock() {
        Sockets handles = JdkHandles.sockets().handles();
        SocketImpl impl = current(handles);
        return impl == null ? FOREIGN : handles.stateLock().get(impl);
    }

    @Override
    public long handle(Object lock) throws IOException {
        if (socket != null ? socket.isClosed() : server.isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (lock == FOREIGN) {
            throw new SocketException("the socket's implementation is no longer the JDK's own");
        }
        Sockets handles = JdkHandles.sockets().handles();
        SocketImpl impl = current(handles);
        if (impl == null || handles.stateLock().get(impl) != lock) {
            return MOVED;
        }
        int state = (int) handles.state().get(impl);
        if (state >= handles.closing()) {
            // closed, or closing with the descriptor already handed to the JDK's deferred close
            throw new SocketException("Socket is closed");
        }
        if (state < handles.created()) {
            throw new SocketException("Socket is not created");
        }
        FileDescriptor descriptor = (FileDescriptor) handles.fd().get(impl);
        try {
            return (int) handles.fdVal().invokeExact(descriptor);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("cannot read the socket's descriptor", unexpected);
        }
    }
}
