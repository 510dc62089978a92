package dev.keepalive.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Optional;

/** Finds the {@link Peer} of a JDK socket or channel, without DNS. */
final class Peers {

    private Peers() {
    }

    /**
     * The peer of a connected TCP socket.
     *
     * @param socket a {@code Socket}, {@code SocketChannel} or {@code AsynchronousSocketChannel}
     * @param accepted whether this JVM accepted the connection
     * @return the peer; empty for a socket that is not TCP over IP (a Unix domain channel), one of another
     *     type, or one closed or not connected by now
     */
    static Optional<Peer> of(Object socket, boolean accepted) {
        try {
            return switch (socket) {
                case Socket plain -> ofSocket(plain, accepted);
                case SocketChannel channel -> ofChannel(channel, channel.getRemoteAddress(), accepted);
                case AsynchronousSocketChannel channel -> ofChannel(channel, channel.getRemoteAddress(), accepted);
                default -> Optional.empty();
            };
        } catch (IOException closed) {
            return Optional.empty();
        }
    }

    private static Optional<Peer> ofSocket(Socket socket, boolean accepted) {
        InetAddress address = socket.getInetAddress();
        if (address == null) {
            return Optional.empty();
        }
        int port = accepted ? socket.getLocalPort() : socket.getPort();
        String name = accepted ? null : name(new InetSocketAddress(address, socket.getPort()));
        return Optional.of(new Peer(address, name, port, accepted));
    }

    private static Optional<Peer> ofChannel(NetworkChannel channel, SocketAddress remote, boolean accepted)
            throws IOException {
        if (!(remote instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return Optional.empty();
        }
        int port = peer.getPort();
        if (accepted) {
            if (!(channel.getLocalAddress() instanceof InetSocketAddress local)) {
                return Optional.empty();
            }
            port = local.getPort();
        }
        return Optional.of(new Peer(peer.getAddress(), accepted ? null : name(peer), port, accepted));
    }

    /** The name the address was reached by, as the JDK holds it; {@code null} where it holds only the address. */
    private static String name(InetSocketAddress address) {
        String host = address.getHostString();
        if (host == null || host.equals(address.getAddress().getHostAddress())) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
