package dev.keepalive.internal;

import dev.keepalive.internal.JdkHandles.Async;
import dev.keepalive.internal.JdkHandles.Channels;
import dev.keepalive.internal.JdkHandles.Sockets;
import java.io.FileDescriptor;
import java.io.IOException;
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

/**
 * Reaches the native handle and the close lock inside the JDK's socket implementations, through the reflective
 * handles of {@link JdkHandles}. This needs {@code java.base}'s {@code sun.nio.ch} and {@code java.net} packages
 * opened to this library; where they are not, {@link #available()} is {@code false} and callers fall back to the
 * JDK's socket options.
 */
public final class JdkSockets {

    private JdkSockets() {
    }

    /**
     * Whether the handles of channels and sockets can be reached.
     *
     * @return {@code true} if the JVM opened the needed packages to this library
     */
    public static boolean available() {
        return JdkHandles.channels().available() && JdkHandles.sockets().available();
    }

    /**
     * Why the handles of channels or sockets cannot be reached.
     *
     * @return which handle could not be had and why, or empty if they can
     */
    public static Optional<String> unavailableReason() {
        return JdkHandles.channels().missingHandle().or(JdkHandles.sockets()::missingHandle);
    }

    /**
     * The JVM options that open the needed packages to this library.
     *
     * @return for example
     *     {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED}
     */
    public static String requiredFlags() {
        return "--add-opens java.base/sun.nio.ch=" + moduleTarget() + " --add-opens java.base/java.net="
                + moduleTarget();
    }

    /**
     * The JVM option that lets this library reach the socket under a layered TLS socket.
     *
     * @return for example {@code --add-opens java.base/sun.security.ssl=dev.keepalive}
     */
    public static String tlsFlag() {
        return "--add-opens java.base/sun.security.ssl=" + moduleTarget();
    }

    /**
     * How JVM options name this library: its module on the module path, {@code ALL-UNNAMED} on the class path.
     *
     * @return {@code dev.keepalive} or {@code ALL-UNNAMED}
     */
    public static String moduleTarget() {
        Module module = JdkSockets.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /**
     * What the capability report says about the socket kinds whose handles are missing, one line each, when
     * the handles of channels and sockets themselves were found (else one line says it all).
     *
     * @return the lines; empty when every handle was found
     */
    public static List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!available()) {
            notes.add("JDK sockets are reached through the JDK's socket options only, which offer the settings"
                    + " listed; to reach every option on the socket's descriptor, " + advice());
            return notes;
        }
        JdkHandles.async().missingHandle().ifPresent(missing -> notes.add("asynchronous channels are reached"
                + " through the JDK's socket options only: " + missing));
        JdkHandles.tls().missingHandle().ifPresent(missing -> notes.add("a TLS socket layered over another socket"
                + " is reached through its own socket options, which the JDK hands to the socket underneath (no"
                + " user timeout): " + missing + "; start the JVM with " + tlsFlag()
                + " to reach the socket underneath directly"));
        return notes;
    }

    /**
     * The guard of a channel made by the JDK's default provider; a closed channel fails with
     * {@link ClosedChannelException}.
     *
     * @param channel a {@code SocketChannel} or {@code ServerSocketChannel}
     * @return the guard, or empty if the handles are unavailable or the channel is another implementation
     */
    public static Optional<SocketGuard> guard(NetworkChannel channel) {
        return guard(channel, false);
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
     * @param asSocket whether a closed channel fails as the {@code Socket} or {@code ServerSocket} it made does,
     *     with {@code SocketException("Socket is closed")}, rather than with {@link ClosedChannelException}
     * @return the guard, or empty if the handles are unavailable or the channel is another implementation
     */
    static Optional<SocketGuard> guard(NetworkChannel channel, boolean asSocket) {
        Channels handles = JdkHandles.channels().handles();
        if (handles == null) {
            return Optional.empty();
        }
        String type = channel.getClass().getName();
        boolean server = type.equals(JdkHandles.SERVER_SOCKET_CHANNEL_IMPL);
        if (!server && !type.equals(JdkHandles.SOCKET_CHANNEL_IMPL)) {
            return Optional.empty();
        }
        // a channel's descriptor and lock are final: only a close changes what they stand for
        // each access is cast where it is made, so that the call's type is the field's: a cast around the
        // conditional would make both calls return Object and box the int through an adapter
        int fd = server ? (int) handles.serverFdVal().get(channel) : (int) handles.fdVal().get(channel);
        Object lock = server ? handles.serverStateLock().get(channel) : handles.stateLock().get(channel);
        return Optional.of(new ChannelGuard(channel, fd, lock, asSocket));
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
        Async handles = JdkHandles.async().handles();
        if (handles == null || !available()) {
            return Optional.empty();
        }
        boolean server;
        if (handles.channel().isInstance(channel)) {
            server = false;
        } else if (handles.server().isInstance(channel)) {
            server = true;
        } else {
            return Optional.empty();
        }
        FileDescriptor descriptor = server
                ? (FileDescriptor) handles.serverFd().get(channel) : (FileDescriptor) handles.fd().get(channel);
        ReadWriteLock closeLock = server ? (ReadWriteLock) handles.serverCloseLock().get(channel)
                : (ReadWriteLock) handles.closeLock().get(channel);
        return Optional.of(new ChannelGuard(channel, fdVal(handles, descriptor), closeLock.readLock(), false));
    }

    /**
     * The guard of a socket whose connection is its own implementation, the JDK's {@code NioSocketImpl}, found
     * again on every call (see {@link ImplGuard}).
     *
     * @param socket the socket; its native socket is created if it was not yet
     * @return the guard, or empty if the handles are unavailable or the implementation is another
     */
    static Optional<SocketGuard> guard(Socket socket) {
        return ImplGuard.of(socket);
    }

    /**
     * The guard of a server socket whose implementation is the JDK's {@code NioSocketImpl}.
     *
     * @param socket the server socket; its native socket is created if it was not yet
     * @return the guard, or empty if the handles are unavailable or the implementation is another
     */
    static Optional<SocketGuard> guard(ServerSocket socket) {
        return ImplGuard.of(socket);
    }

    /**
     * The socket a TLS socket of the JDK's own provider is layered over.
     *
     * @param socket a {@code sun.security.ssl.SSLSocketImpl}
     * @return the socket underneath; the socket itself if it made its own connection; empty if the handle that
     *     tells is missing ({@link JdkHandles#tls()})
     */
    static Optional<Socket> tlsUnderlying(Socket socket) {
        JdkHandles.Tls handles = JdkHandles.tls().handles();
        if (handles == null) {
            return Optional.empty();
        }
        return Optional.of((Socket) handles.self().get(socket));
    }

    /**
     * Whether a socket's own implementation was ever given a native socket: a TLS socket layered over another
     * socket hands every option to that socket and never creates its own.
     *
     * @param socket the socket
     * @return {@code true} if it has a native socket of its own, or had one
     */
    static boolean hasOwnNativeSocket(Socket socket) {
        Sockets handles = JdkHandles.sockets().handles();
        SocketImpl impl = ImplGuard.platformImpl(handles, (SocketImpl) handles.socketImpl().getVolatile(socket));
        return impl != null && (int) handles.state().get(impl) >= handles.created();
    }

    /** Reads the number out of a {@code FileDescriptor} with {@code IOUtil.fdVal}. */
    static int fdVal(Async handles, FileDescriptor descriptor) {
        try {
            return (int) handles.fdVal().invokeExact(descriptor);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("cannot read the channel's descriptor", unexpected);
        }
    }

    /**
     * A channel's handle, the lock its close takes (a monitor, or the read side of a read-write lock) and its
     * closed state. A channel never changes its descriptor, so the open check is all that is needed.
     */
    private record ChannelGuard(NetworkChannel channel, long handle, Object lock, boolean asSocket)
            implements SocketGuard {
        @Override
        public long handle(Object held) throws IOException {
            if (!channel.isOpen()) {
                throw asSocket ? new SocketException("Socket is closed") : new ClosedChannelException();
            }
            return handle;
        }
    }
}
