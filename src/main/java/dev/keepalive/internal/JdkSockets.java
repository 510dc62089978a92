package dev.keepalive.internal;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketImpl;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * Reaches the native handle and the close lock inside the JDK's socket implementations. This needs
 * {@code java.base}'s {@code sun.nio.ch} and {@code java.net} packages opened to this library; where they
 * are not, {@link #available()} is {@code false} and callers fall back to the JDK's socket options.
 */
public final class JdkSockets {

    private static final String SOCKET_CHANNEL_IMPL = "sun.nio.ch.SocketChannelImpl";
    private static final String SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.ServerSocketChannelImpl";
    private static final String NIO_SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    private static final String ASYNC_CHANNEL_IMPL = "sun.nio.ch.AsynchronousSocketChannelImpl";
    private static final String ASYNC_SERVER_CHANNEL_IMPL = "sun.nio.ch.AsynchronousServerSocketChannelImpl";

    private static final Handles HANDLES;
    private static final String UNAVAILABLE_REASON;

    static {
        Handles handles = null;
        String reason = null;
        try {
            handles = new Handles();
        } catch (ReflectiveOperationException | RuntimeException e) {
            reason = e.toString();
        }
        HANDLES = handles;
        UNAVAILABLE_REASON = reason;
    }

    private JdkSockets() {
    }

    /**
     * Whether the JDK sockets' handles can be reached.
     *
     * @return {@code true} if the JVM opened the needed packages to this library
     */
    public static boolean available() {
        return HANDLES != null;
    }

    /**
     * Why the handles cannot be reached.
     *
     * @return the failure, or empty if they can
     */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE_REASON);
    }

    /**
     * The JVM options that open the needed packages to this library.
     *
     * @return for example
     *     {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED}
     */
    public static String requiredFlags() {
        Module module = JdkSockets.class.getModule();
        String target = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "--add-opens java.base/sun.nio.ch=" + target + " --add-opens java.base/java.net=" + target;
    }

    /**
     * The {@code --add-opens} options this JVM lacks: each names a package of {@code java.base} that this library
     * needs opened to reach a JDK socket's descriptor.
     *
     * @return the missing options, in the order of {@link #requiredFlags()}; empty if both are given
     */
    public static List<String> missingFlags() {
        Module library = JdkSockets.class.getModule();
        String target = library.isNamed() ? library.getName() : "ALL-UNNAMED";
        List<String> missing = new ArrayList<>();
        for (String pkg : List.of("sun.nio.ch", "java.net")) {
            if (!Object.class.getModule().isOpen(pkg, library)) {
                missing.add("--add-opens java.base/" + pkg + "=" + target);
            }
        }
        return missing;
    }

    /**
     * What a user must do to let this library reach JDK sockets' descriptors, for messages: the two JVM
     * options, and which of them this JVM lacks.
     *
     * @return for example {@code start the JVM with --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens
     *     java.base/java.net=ALL-UNNAMED (missing here: --add-opens java.base/java.net=ALL-UNNAMED)}
     */
    public static String advice() {
        List<String> missing = missingFlags();
        String given = missing.isEmpty()
                ? " (both are given, but the JDK's sockets are not as this library expects: "
                        + unavailableReason().orElse("unknown") + ")"
                : " (missing here: " + String.join(" ", missing) + ")";
        return "start the JVM with " + requiredFlags() + given;
    }

    /**
     * The guard of a channel made by the JDK's default provider.
     *
     * @param channel a {@code SocketChannel} or {@code ServerSocketChannel}
     * @return the guard, or empty if the handles are unavailable or the channel is another implementation
     */
    public static Optional<SocketGuard> guard(NetworkChannel channel) {
        if (HANDLES == null) {
            return Optional.empty();
        }
        String type = channel.getClass().getName();
        if (!type.equals(SOCKET_CHANNEL_IMPL) && !type.equals(SERVER_SOCKET_CHANNEL_IMPL)) {
            return Optional.empty();
        }
        boolean server = type.equals(SERVER_SOCKET_CHANNEL_IMPL);
        int fd = (int) (server ? HANDLES.serverChannelFd.get(channel) : HANDLES.channelFd.get(channel));
        Object lock = server ? HANDLES.serverChannelLock.get(channel) : HANDLES.channelLock.get(channel);
        return Optional.of(new Guard(fd, lock, () -> !channel.isOpen(), true));
    }

    /**
     * The guard of a socket whose implementation is the JDK's own.
     *
     * @param socket the socket; its native socket is created if it was not yet
     * @return the guard, or empty if the handles are unavailable or the implementation is another
     */
    public static Optional<SocketGuard> guard(Socket socket) {
        if (HANDLES == null) {
            return Optional.empty();
        }
        try {
            socket.getKeepAlive(); // makes the JDK create the native socket if it has not yet
        } catch (SocketException closed) {
            return Optional.of(closedGuard());
        }
        return guard((SocketImpl) HANDLES.socketImpl.get(socket), socket::isClosed);
    }

    /**
     * The guard of a server socket whose implementation is the JDK's own.
     *
     * @param socket the server socket
     * @return the guard, or empty if the handles are unavailable or the implementation is another
     */
    public static Optional<SocketGuard> guard(ServerSocket socket) {
        if (HANDLES == null) {
            return Optional.empty();
        }
        try {
            socket.getReceiveBufferSize(); // makes the JDK create the native socket if it has not yet
        } catch (SocketException closed) {
            return Optional.of(closedGuard());
        }
        return guard((SocketImpl) HANDLES.serverSocketImpl.get(socket), socket::isClosed);
    }

    private static Optional<SocketGuard> guard(SocketImpl socketImpl, BooleanSupplier closed) {
        SocketImpl impl = socketImpl;
        // a java.net.Socket wraps the platform implementation in a SOCKS-capable delegating one
        while (impl != null && HANDLES.delegatingImpl.isInstance(impl)) {
            impl = (SocketImpl) HANDLES.delegate.get(impl);
        }
        if (impl == null || !impl.getClass().getName().equals(NIO_SOCKET_IMPL)) {
            return Optional.empty();
        }
        FileDescriptor descriptor = (FileDescriptor) HANDLES.implFd.get(impl);
        if (descriptor == null) {
            return Optional.of(closedGuard());
        }
        int fd;
        try {
            fd = (int) HANDLES.fdVal.invokeExact(descriptor);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("cannot read the socket's descriptor", unexpected);
        }
        return Optional.of(new Guard(fd, HANDLES.implLock.get(impl), closed, false));
    }

    /**
     * The guard of an asynchronous channel made by the JDK's default provider. Unlike the other JDK sockets, an
     * asynchronous channel's close waits on the write side of a read-write lock rather than on a monitor, so the
     * guard's lock is the read side, as the JDK's own {@code setOption} takes it.
     *
     * <p>Both {@code sun.nio.ch.AsynchronousSocketChannelImpl} and
     * {@code sun.nio.ch.AsynchronousServerSocketChannelImpl}, the common superclasses of the Unix and Windows
     * implementations, keep the socket in a {@code FileDescriptor fd} field and guard it with a
     * {@code ReadWriteLock closeLock} (unchanged from JDK 7 to JDK 25); the handle is read with
     * {@code IOUtil.fdVal}, which gives the descriptor on POSIX and the {@code SOCKET} on Windows.
     *
     * @param channel an {@code AsynchronousSocketChannel} or {@code AsynchronousServerSocketChannel}
     * @return the guard, or empty if the handles are unavailable or the channel is another implementation
     */
    public static Optional<SocketGuard> asyncGuard(NetworkChannel channel) {
        AsyncHandles handles = AsyncHandles.INSTANCE;
        if (HANDLES == null || handles == null) {
            return Optional.empty();
        }
        boolean server;
        if (handles.channelImpl.isInstance(channel)) {
            server = false;
        } else if (handles.serverChannelImpl.isInstance(channel)) {
            server = true;
        } else {
            return Optional.empty();
        }
        FileDescriptor descriptor = (FileDescriptor) (server
                ? handles.serverFd.get(channel) : handles.fd.get(channel));
        ReadWriteLock closeLock = (ReadWriteLock) (server
                ? handles.serverCloseLock.get(channel) : handles.closeLock.get(channel));
        int fd;
        try {
            fd = (int) HANDLES.fdVal.invokeExact(descriptor);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("cannot read the channel's descriptor", unexpected);
        }
        return Optional.of(new Guard(fd, closeLock.readLock(), () -> !channel.isOpen(), true));
    }

    /** A socket found closed while its view is made: every call fails with the closed-socket error. */
    private static SocketGuard closedGuard() {
        return new Guard(-1, new Object(), () -> true, false);
    }

    /** A JDK socket's handle, the lock its close takes (a monitor or a read lock) and its closed state. */
    private record Guard(long handle, Object lock, BooleanSupplier closed, boolean channel)
            implements SocketGuard {
        @Override
        public void ensureOpen() throws IOException {
            if (closed.getAsBoolean()) {
                throw channel ? new ClosedChannelException() : new SocketException("Socket is closed");
            }
        }
    }

    /** The reflective handles into {@code java.base}. */
    private static final class Handles {
        final VarHandle channelFd;
        final VarHandle channelLock;
        final VarHandle serverChannelFd;
        final VarHandle serverChannelLock;
        final VarHandle socketImpl;
        final VarHandle serverSocketImpl;
        final VarHandle implFd;
        final VarHandle implLock;
        final Class<?> delegatingImpl;
        final VarHandle delegate;
        final MethodHandle fdVal;

        Handles() throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> channelImpl = Class.forName(SOCKET_CHANNEL_IMPL);
            Class<?> serverChannelImpl = Class.forName(SERVER_SOCKET_CHANNEL_IMPL);
            Class<?> nioSocketImpl = Class.forName(NIO_SOCKET_IMPL);
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
            MethodHandles.Lookup channels = MethodHandles.privateLookupIn(channelImpl, lookup);
            channelFd = channels.findVarHandle(channelImpl, "fdVal", int.class);
            channelLock = channels.findVarHandle(channelImpl, "stateLock", Object.class);
            MethodHandles.Lookup serverChannels = MethodHandles.privateLookupIn(serverChannelImpl, lookup);
            serverChannelFd = serverChannels.findVarHandle(serverChannelImpl, "fdVal", int.class);
            serverChannelLock = serverChannels.findVarHandle(serverChannelImpl, "stateLock", Object.class);
            socketImpl = MethodHandles.privateLookupIn(Socket.class, lookup)
                    .findVarHandle(Socket.class, "impl", SocketImpl.class);
            serverSocketImpl = MethodHandles.privateLookupIn(ServerSocket.class, lookup)
                    .findVarHandle(ServerSocket.class, "impl", SocketImpl.class);
            implFd = MethodHandles.privateLookupIn(SocketImpl.class, lookup)
                    .findVarHandle(SocketImpl.class, "fd", FileDescriptor.class);
            implLock = MethodHandles.privateLookupIn(nioSocketImpl, lookup)
                    .findVarHandle(nioSocketImpl, "stateLock", Object.class);
            delegatingImpl = Class.forName("java.net.DelegatingSocketImpl");
            delegate = MethodHandles.privateLookupIn(delegatingImpl, lookup)
                    .findVarHandle(delegatingImpl, "delegate", SocketImpl.class);
            fdVal = MethodHandles.privateLookupIn(ioUtil, lookup)
                    .findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
        }
    }

    /** The reflective handles into the JDK's asynchronous channels, looked up apart from the others. */
    private static final class AsyncHandles {
        static final AsyncHandles INSTANCE = create();

        final Class<?> channelImpl;
        final Class<?> serverChannelImpl;
        final VarHandle fd;
        final VarHandle closeLock;
        final VarHandle serverFd;
        final VarHandle serverCloseLock;

        private AsyncHandles() throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            channelImpl = Class.forName(ASYNC_CHANNEL_IMPL);
            serverChannelImpl = Class.forName(ASYNC_SERVER_CHANNEL_IMPL);
            MethodHandles.Lookup channels = MethodHandles.privateLookupIn(channelImpl, lookup);
            fd = channels.findVarHandle(channelImpl, "fd", FileDescriptor.class);
            closeLock = channels.findVarHandle(channelImpl, "closeLock", ReadWriteLock.class);
            MethodHandles.Lookup servers = MethodHandles.privateLookupIn(serverChannelImpl, lookup);
            serverFd = servers.findVarHandle(serverChannelImpl, "fd", FileDescriptor.class);
            serverCloseLock = servers.findVarHandle(serverChannelImpl, "closeLock", ReadWriteLock.class);
        }

        private static AsyncHandles create() {
            try {
                return new AsyncHandles();
            } catch (ReflectiveOperationException | RuntimeException unavailable) {
                return null; // the callers fall back to the JDK's options, as for any other socket
            }
        }
    }
}
