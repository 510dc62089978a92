package dev.keepalive.bench;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A connected loopback TCP connection for the rows of a benchmark class: a {@link SocketChannel} client (and
 * its descriptor, for the raw calls), plus a plain {@link Socket} client for the rows that measure
 * {@code Socket}'s own methods. JMH opens one per trial (each row runs in its own JVM, on a connection of its
 * own of the same kind) and closes it after; the interleaved mode opens one and shares it. Subclasses prepare
 * their own mechanism in {@link #prepare()}. Keep-alive is switched on for both clients before any row runs.
 */
@State(Scope.Thread)
public abstract class LoopbackSockets {

    protected ServerSocketChannel server;
    protected SocketChannel channel;
    protected SocketChannel channelPeer;
    protected Socket socket;
    protected SocketChannel socketPeer;
    /** The descriptor of {@link #channel}. */
    protected int fd;
    /** The lock the JDK takes to close {@link #channel}, which the library holds during each call. */
    protected Object closeLock;

    @Setup(Level.Trial)
    public final void open() throws Throwable {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel = SocketChannel.open(server.getLocalAddress());
        channelPeer = server.accept();
        socket = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.getLocalAddress()).getPort());
        socketPeer = server.accept();
        // keep-alive on, as users run it: with it on, setting a keep-alive time re-arms the timer, which costs
        // more than on a socket without keep-alive, and every mode must time the same path
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        socket.setKeepAlive(true);
        fd = descriptor(channel);
        closeLock = field(channel, "stateLock", Object.class);
        prepare();
    }

    @TearDown(Level.Trial)
    public final void close() throws IOException {
        release();
        for (Closeable closeable : new Closeable[] {socketPeer, socket, channelPeer, channel, server}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /**
     * Prepares this instance on another one's open sockets instead of opening its own, so that the interleaved
     * mode measures every side of a pair on one socket. Only {@code owner} closes them.
     */
    final void share(LoopbackSockets owner) throws Throwable {
        server = owner.server;
        channel = owner.channel;
        channelPeer = owner.channelPeer;
        socket = owner.socket;
        socketPeer = owner.socketPeer;
        fd = owner.fd;
        closeLock = owner.closeLock;
        prepare();
    }

    /** Sets up the mechanism a subclass measures, once the sockets are open. */
    protected void prepare() throws Throwable {
    }

    /** Releases what {@link #prepare()} made, before the sockets are closed. */
    protected void release() {
    }

    /** The channel's descriptor, read from the JDK's implementation (needs {@code --add-opens sun.nio.ch}). */
    static int descriptor(SocketChannel channel) throws ReflectiveOperationException {
        return field(channel, "fdVal", int.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(SocketChannel channel, String name, Class<T> type) throws ReflectiveOperationException {
        Class<?> implementation = channel.getClass();
        return (T) MethodHandles.privateLookupIn(implementation, MethodHandles.lookup())
                .findVarHandle(implementation, name, type).get(channel);
    }

    /** Fails the trial at once if a call that should succeed did not. */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " failed on the benchmark socket");
        }
    }
}
