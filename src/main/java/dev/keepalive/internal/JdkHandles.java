package dev.keepalive.internal;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The reflective handles into {@code java.base} that reach a JDK socket's descriptor and close lock, in groups by
 * socket kind. Each group is looked up once, on its own: if one handle of a group cannot be had (the JVM did not
 * open its package to this library, or a future JDK renamed it), only the socket kinds that need that group fall
 * back to the JDK's socket options, and {@link Group#missing()} names the handle and why.
 *
 * <p>The handles are kept in records held in static final fields, whose fields the JIT treats as constants, so
 * reaching a descriptor on each call costs no more than reading the fields.
 */
final class JdkHandles {

    static final String SOCKET_CHANNEL_IMPL = "sun.nio.ch.SocketChannelImpl";
    static final String SERVER_SOCKET_CHANNEL_IMPL = "sun.nio.ch.ServerSocketChannelImpl";
    static final String NIO_SOCKET_IMPL = "sun.nio.ch.NioSocketImpl";
    static final String SSL_SOCKET_IMPL = "sun.security.ssl.SSLSocketImpl";

    /**
     * {@code SocketChannel} and {@code ServerSocketChannel}: their descriptor and {@code stateLock}. Each group is
     * looked up on first use: looking one up loads the JDK classes it reaches into and makes method handles, which
     * a JVM that never uses that kind of socket need not pay for.
     *
     * @return the group, the same on every call
     */
    static Group<Channels> channels() {
        return ChannelsGroup.GROUP;
    }

    /**
     * {@code Socket} and {@code ServerSocket}: their current {@code NioSocketImpl}, its state, lock and descriptor.
     * Looked up on first use.
     *
     * @return the group, the same on every call
     */
    static Group<Sockets> sockets() {
        return SocketsGroup.GROUP;
    }

    /**
     * The asynchronous channels: their descriptor and close lock. Looked up on first use.
     *
     * @return the group, the same on every call
     */
    static Group<Async> async() {
        return AsyncGroup.GROUP;
    }

    /**
     * A TLS socket layered over another socket: the socket underneath. Looked up on first use.
     *
     * @return the group, the same on every call
     */
    static Group<Tls> tls() {
        return TlsGroup.GROUP;
    }

    /** Holds {@link #channels()}'s group, made when first asked for. */
    private static final class ChannelsGroup {
        static final Group<Channels> GROUP = Group.of(Channels::new);
    }

    /** Holds {@link #sockets()}'s group, made when first asked for. */
    private static final class SocketsGroup {
        static final Group<Sockets> GROUP = Group.of(Sockets::new);
    }

    /** Holds {@link #async()}'s group, made when first asked for. */
    private static final class AsyncGroup {
        static final Group<Async> GROUP = Group.of(Async::new);
    }

    /** Holds {@link #tls()}'s group, made when first asked for. */
    private static final class TlsGroup {
        static final Group<Tls> GROUP = Group.of(Tls::new);
    }

    private JdkHandles() {
    }

    /** A group of handles, or the name of the one that could not be had and why. */
    record Group<T>(T handles, String missing) {

        /** Looks the group up now. */
        static <T> Group<T> of(Lookup<T> lookup) {
            try {
                return new Group<>(lookup.find(), null);
            } catch (MissingHandle e) {
                return new Group<>(null, e.getMessage());
            }
        }

        /** Whether every handle of the group was found. */
        boolean available() {
            return handles != null;
        }

        /** What {@link MissingHandle} said of the handle that could not be had, if one could not. */
        Optional<String> missingHandle() {
            return Optional.ofNullable(missing);
        }
    }

    /** Looks a group up. */
    @FunctionalInterface
    interface Lookup<T> {
        T find() throws MissingHandle;
    }

    /**
     * A handle that could not be had; the message names it, as {@code class.member}, and the reason, as in
     * {@code sun.security.ssl.BaseSSLSocketImpl.self cannot be reached (java.lang.IllegalAccessException: ...)}.
     */
    static final class MissingHandle extends Exception {
        private static final long serialVersionUID = 1L;

        MissingHandle(String handle, Throwable cause) {
            super(handle + " cannot be reached (" + cause + ")", cause);
        }
    }

    /** The handles of {@link #channels()}. */
    record Channels(VarHandle fdVal, VarHandle stateLock, VarHandle serverFdVal, VarHandle serverStateLock) {
        Channels() throws MissingHandle {
            this(field(SOCKET_CHANNEL_IMPL, "fdVal", int.class), field(SOCKET_CHANNEL_IMPL, "stateLock", Object.class),
                    field(SERVER_SOCKET_CHANNEL_IMPL, "fdVal", int.class),
                    field(SERVER_SOCKET_CHANNEL_IMPL, "stateLock", Object.class));
        }
    }

    /**
     * The handles of {@link #sockets()}: {@code Socket.impl} and {@code ServerSocket.impl}; the
     * {@code DelegatingSocketImpl} (SOCKS and HTTP proxies) around the platform implementation and its
     * {@code delegate}; the {@code NioSocketImpl}'s {@code stateLock}, {@code state} and the state from which it
     * is closing ({@code ST_CLOSING}, which a close sets under {@code stateLock} before releasing the descriptor);
     * {@code SocketImpl.fd}; and {@code IOUtil.fdVal}, which reads the descriptor from a {@code FileDescriptor}.
     */
    record Sockets(VarHandle socketImpl, VarHandle serverSocketImpl, Class<?> delegating, VarHandle delegate,
                   Class<?> nioSocketImpl, VarHandle stateLock, VarHandle state, int closing, int created,
                   VarHandle fd, MethodHandle fdVal) {
        Sockets() throws MissingHandle {
            this(field(Socket.class, "impl", SocketImpl.class), field(ServerSocket.class, "impl", SocketImpl.class),
                    type("java.net.DelegatingSocketImpl"),
                    field("java.net.DelegatingSocketImpl", "delegate", SocketImpl.class),
                    type(NIO_SOCKET_IMPL), field(NIO_SOCKET_IMPL, "stateLock", Object.class),
                    field(NIO_SOCKET_IMPL, "state", int.class), constant(NIO_SOCKET_IMPL, "ST_CLOSING"),
                    constant(NIO_SOCKET_IMPL, "ST_UNCONNECTED"), field(SocketImpl.class, "fd", FileDescriptor.class),
                    ioUtilFdVal());
        }
    }

    /** The handles of {@link #async()}, common to the Unix and Windows implementations (unchanged JDK 7 to 25). */
    record Async(Class<?> channel, Class<?> server, VarHandle fd, VarHandle closeLock, VarHandle serverFd,
                 VarHandle serverCloseLock, MethodHandle fdVal) {
        private static final String CHANNEL = "sun.nio.ch.AsynchronousSocketChannelImpl";
        private static final String SERVER = "sun.nio.ch.AsynchronousServerSocketChannelImpl";

        Async() throws MissingHandle {
            this(type(CHANNEL), type(SERVER), field(CHANNEL, "fd", FileDescriptor.class),
                    field(CHANNEL, "closeLock", ReadWriteLock.class), field(SERVER, "fd", FileDescriptor.class),
                    field(SERVER, "closeLock", ReadWriteLock.class), ioUtilFdVal());
        }
    }

    /**
     * The handle of {@link #tls()}: {@code BaseSSLSocketImpl.self}, the socket a TLS socket is layered over, or the
     * TLS socket itself when it made its own connection. The JDK hands a layered socket's options to it.
     */
    record Tls(Class<?> sslSocketImpl, VarHandle self) {
        Tls() throws MissingHandle {
            this(type(SSL_SOCKET_IMPL), field("sun.security.ssl.BaseSSLSocketImpl", "self", Socket.class));
        }
    }

    private static MethodHandle ioUtilFdVal() throws MissingHandle {
        try {
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
            return MethodHandles.privateLookupIn(ioUtil, MethodHandles.lookup())
                    .findStatic(ioUtil, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MissingHandle("sun.nio.ch.IOUtil.fdVal", e);
        }
    }

    private static Class<?> type(String name) throws MissingHandle {
        try {
            return Class.forName(name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MissingHandle(name, e);
        }
    }

    private static VarHandle field(String owner, String name, Class<?> type) throws MissingHandle {
        return field(type(owner), name, type);
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) throws MissingHandle {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MissingHandle(owner.getName() + "." + name, e);
        }
    }

    private static int constant(String owner, String name) throws MissingHandle {
        Class<?> type = type(owner);
        try {
            return (int) MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findStaticVarHandle(type, name, int.class).get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MissingHandle(owner + "." + name, e);
        }
    }
}
