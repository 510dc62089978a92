package dev.keepalive.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.Optional;

/**
 * Where the connection of a {@link Socket} or {@link ServerSocket} lives, decided once when a view is made:
 * <ul>
 * <li>in the channel, for the sockets the JDK's channels make;</li>
 * <li>in the socket's own implementation, for {@code java.net.Socket} and {@code ServerSocket} themselves, the
 *     JDK's TLS sockets that made their own connection, and any subclass that leaves the socket options to
 *     {@code Socket} (it may add to connecting, closing or the streams);</li>
 * <li>in the socket underneath, for a JDK TLS socket layered over another socket (STARTTLS, proxies), at any
 *     depth: the JDK hands such a socket's options to that socket;</li>
 * <li>wherever the socket's own {@code setOption} and {@code getOption} say, for a subclass that overrides them
 *     (a wrapper that delegates to another socket, as some drivers, pools and test tools make): its own
 *     implementation may never have been connected, so only its own options are used; except this library's
 *     own sockets ({@link OwnConnection}), which override them only to guard them.</li>
 * </ul>
 */
final class Connections {

    private static final String SOCKET_ADAPTOR = "sun.nio.ch.SocketAdaptor";
    private static final String SERVER_SOCKET_ADAPTOR = "sun.nio.ch.ServerSocketAdaptor";
    /** More TLS layers than anyone makes: the walk down stops there. */
    private static final int MAX_LAYERS = 16;

    /** Whether a {@code Socket} class declares its own socket options. */
    private static final ClassValue<Boolean> SOCKET_OPTIONS_OVERRIDDEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, Socket.class, "setOption", SocketOption.class, Object.class)
                    || overrides(type, Socket.class, "getOption", SocketOption.class)
                    || overrides(type, Socket.class, "supportedOptions")
                    || overrides(type, Socket.class, "setKeepAlive", boolean.class)
                    || overrides(type, Socket.class, "getKeepAlive");
        }
    };

    /** Whether a {@code ServerSocket} class declares its own socket options. */
    private static final ClassValue<Boolean> SERVER_OPTIONS_OVERRIDDEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, ServerSocket.class, "setOption", SocketOption.class, Object.class)
                    || overrides(type, ServerSocket.class, "getOption", SocketOption.class)
                    || overrides(type, ServerSocket.class, "supportedOptions");
        }
    };

    private Connections() {
    }

    /** Where a connection lives. */
    sealed interface Connection {
    }

    /**
     * In a channel of the JDK's.
     *
     * @param channel the channel
     */
    record InChannel(NetworkChannel channel) implements Connection {
    }

    /**
     * In the socket's own implementation.
     *
     * @param socket the {@code Socket} whose implementation it is, which may lie under TLS layers
     */
    record InImpl(Socket socket) implements Connection {
    }

    /**
     * In the server socket's own implementation.
     *
     * @param socket the server socket
     */
    record InServerImpl(ServerSocket socket) implements Connection {
    }

    /**
     * Wherever the socket's own options say.
     *
     * @param why why the library does not go further, for {@code access()}
     */
    record ThroughOwnOptions(String why) implements Connection {
    }

    /**
     * Where a socket's connection lives.
     *
     * @param socket the socket a view is made of
     * @return where
     */
    static Connection of(Socket socket) {
        Socket current = socket;
        for (int layer = 0; layer <= MAX_LAYERS; layer++) {
            Class<?> type = current.getClass();
            String name = type.getName();
            if (type == Socket.class) {
                return new InImpl(current);
            }
            if (name.equals(SOCKET_ADAPTOR)) {
                return new InChannel(current.getChannel());
            }
            if (name.equals(JdkHandles.SSL_SOCKET_IMPL)) {
                Optional<Socket> underneath = JdkSockets.tlsUnderlying(current);
                if (underneath.isEmpty()) {
                    return layeredWithoutHandle(current);
                }
                if (underneath.get() == current) {
                    return new InImpl(current); // a TLS socket that made its own connection
                }
                current = underneath.get();
                continue;
            }
            if (SOCKET_OPTIONS_OVERRIDDEN.get(type) && !(current instanceof OwnConnection)) {
                return new ThroughOwnOptions(name + " overrides the socket options, which are used as they are");
            }
            return new InImpl(current);
        }
        return new ThroughOwnOptions("more than " + MAX_LAYERS + " TLS layers");
    }

    /**
     * Where a server socket's connection lives.
     *
     * @param socket the server socket a view is made of
     * @return where
     */
    static Connection of(ServerSocket socket) {
        Class<?> type = socket.getClass();
        if (type.getName().equals(SERVER_SOCKET_ADAPTOR)) {
            return new InChannel(socket.getChannel());
        }
        if (type != ServerSocket.class && SERVER_OPTIONS_OVERRIDDEN.get(type)) {
            return new ThroughOwnOptions(type.getName() + " overrides the socket options, which are used as they are");
        }
        return new InServerImpl(socket);
    }

    /**
     * A JDK TLS socket when the handle to the socket it is layered over is missing: the socket underneath can
     * still be found where it is a channel's (the JDK's {@code getChannel} reaches through the layers), and a TLS
     * socket that made its own connection has its own native socket; any other is reached through its own
     * options, which the JDK hands to the socket underneath.
     */
    private static Connection layeredWithoutHandle(Socket tls) {
        if (!JdkSockets.available()) {
            return new ThroughOwnOptions(""); // as every JDK socket is, for the reason access() gives
        }
        if (tls.getChannel() != null) {
            return new InChannel(tls.getChannel());
        }
        try {
            tls.getOption(StandardSocketOptions.SO_KEEPALIVE); // a TLS socket of its own makes its native socket
        } catch (IOException closed) {
            // decided below all the same
        }
        if (JdkSockets.hasOwnNativeSocket(tls)) {
            return new InImpl(tls);
        }
        return new ThroughOwnOptions("a TLS socket layered over another socket, reached through its own options"
                + " because the JVM keeps BaseSSLSocketImpl.self from this library; start the JVM with "
                + JdkSockets.tlsFlag() + " to reach the socket underneath directly");
    }

    private static boolean overrides(Class<?> type, Class<?> base, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != base;
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(base.getName() + "." + name + " not found", impossible);
        }
    }
}
