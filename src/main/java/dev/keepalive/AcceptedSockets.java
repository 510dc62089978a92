package dev.keepalive;

import dev.keepalive.internal.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Gives accepted sockets the keep-alive settings of the listening socket that accepted them, on every OS.
 *
 * <p>Which settings an accepted socket inherits from its listening socket depends on the OS:
 * <ul>
 * <li>Linux makes each new connection as a copy of the listening socket ({@code sk_clone_lock}), so every
 *     setting, the user timeout included, is inherited.</li>
 * <li>macOS copies the socket-level options ({@code SO_KEEPALIVE}) when it makes the new socket
 *     ({@code sonewconn} in XNU's {@code bsd/kern/uipc_socket2.c}), and {@code TCP_KEEPINTVL} and
 *     {@code TCP_KEEPCNT} when the handshake reaches the listener ({@code tcp_input} in
 *     {@code bsd/netinet/tcp_input.c}), but not the idle time ({@code TCP_KEEPALIVE}) nor
 *     {@code TCP_RXT_CONNDROPTIME}: {@code tcp_newtcpcb} starts the connection from a zeroed control block,
 *     so it has the system-wide idle time ({@code net.inet.tcp.keepidle}) and no drop time (checked in
 *     xnu-11417.101.15).</li>
 * <li>Windows documents that a socket made by {@code accept} has "the same properties" as the listening
 *     socket, but not which TCP options that covers; neither the {@code IPPROTO_TCP} option pages nor
 *     {@code SIO_KEEPALIVE_VALS} say that keep-alive values are inherited, so this library does not count on
 *     it.</li>
 * </ul>
 *
 * <p>One rule holds on every OS for the {@code accept} methods here: <b>an accepted socket gets the settings
 * its listening socket has when {@code accept} returns</b>, even if they were changed while the connection
 * waited in the backlog. Where the OS is not known to inherit every setting ({@link #inheritedByOs()}), they
 * copy the settings the listening socket holds of its own, read at accept time (see
 * {@link #copy(SocketKeepAlive, SocketKeepAlive)}), onto each accepted socket. Linux hands the settings down
 * when the handshake completes, which may be before a change to the listener; there the {@code accept}
 * methods read both sockets (ten {@code getsockopt} calls) and copy only if they differ.
 * {@link #copy(SocketKeepAlive, SocketKeepAlive)} copies always, for sockets accepted some other way
 * ({@link java.nio.channels.AsynchronousServerSocketChannel}, frameworks), which on Linux otherwise keep the
 * settings of handshake time.
 *
 * {@snippet :
 * ServerSocketChannel listener = ServerSocketChannel.open().bind(address);
 * SocketKeepAlive.of(listener).apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).build());
 * while (running) {
 *     SocketChannel connection = AcceptedSockets.accept(listener); // carries idle = 30 s on every OS
 *     // ...
 * }
 * }
 */
public final class AcceptedSockets {

    private AcceptedSockets() {
    }

    /**
     * Whether the running OS gives accepted sockets every keep-alive setting of their listening socket by
     * itself.
     *
     * @return {@code true} on Linux (which hands them down when the handshake completes); {@code false} on
     *     macOS (the idle time and {@code TCP_RXT_CONNDROPTIME} are not inherited), on Windows (inheritance is
     *     not documented) and on any other OS
     */
    public static boolean inheritedByOs() {
        return inheritedBy(Platform.os());
    }

    /** Whether an OS family inherits every keep-alive setting; see the class documentation for the sources. */
    static boolean inheritedBy(Platform.Os os) {
        return switch (os) {
            case LINUX -> true;
            case MACOS, WINDOWS, OTHER -> false;
        };
    }

    /**
     * Accepts a connection, as {@link ServerSocketChannel#accept()} does, and gives it the listening channel's
     * keep-alive settings as they are now, copying them where the OS did not hand them down (see the class
     * documentation). If the copy fails, the accepted channel is closed before the exception is thrown.
     *
     * <p>A listening channel that this library reaches only through the JDK's socket options (the JVM did
     * not open {@code java.base} to it) carries what the JDK offers for it (idle, interval and probe count), and
     * whether keep-alive is on as remembered by this library, since the JDK offers no {@code SO_KEEPALIVE} for
     * a listening socket; all of it is given to the accepted channel, as on the native path.
     *
     * @param listener the listening channel
     * @return the accepted channel, or {@code null} if the listener is in non-blocking mode and no
     *     connection is pending
     * @throws java.nio.channels.ClosedChannelException if the listener is closed
     * @throws SocketOptionException if the OS refuses to read or set an option
     * @throws IOException if accepting fails, as {@link ServerSocketChannel#accept()}
     */
    public static SocketChannel accept(ServerSocketChannel listener) throws IOException {
        return accept(listener, inheritedByOs());
    }

    /**
     * Accepts a connection, as {@link ServerSocket#accept()} does, and gives it the listening socket's
     * keep-alive settings as they are now, copying them where the OS did not hand them down (see the class
     * documentation). If the copy fails, the accepted socket is closed before the exception is thrown.
     *
     * @param listener the listening socket
     * @return the accepted socket
     * @throws java.net.SocketException if the listener is closed
     * @throws SocketOptionException if the OS refuses to read or set an option
     * @throws IOException if accepting fails, as {@link ServerSocket#accept()}
     */
    public static Socket accept(ServerSocket listener) throws IOException {
        return accept(listener, inheritedByOs());
    }

    /**
     * Copies the keep-alive settings the listening socket holds of its own onto another socket, whatever the OS
     * does by itself: each value read from the listener or set on it by this library (on macOS, the idle time
     * kept for accepted sockets; before Windows 10 1709, the times sent with {@code SIO_KEEPALIVE_VALS}). A value
     * that is only the system default is not copied, so the accepted socket keeps following the system's
     * setting; nor is a value the OS reports but this library would not set (such as a {@code TCP_MAXRT} Windows
     * does not document), so a legal value never makes the copy fail. Where the accepted socket can carry no
     * user timeout (it is reached through the JDK's socket options, as a wrapper socket is) and the listener has
     * none set ({@link java.time.Duration#ZERO}), the user timeout is left out rather than refused.
     *
     * @param listener the view of the listening socket
     * @param accepted the view of a socket it accepted
     * @return the settings in effect on the accepted socket afterwards
     * @throws UnsupportedOperationException if the listener has a user timeout set that the accepted socket
     *     cannot carry
     * @throws SocketOptionException if the OS refuses to read or set an option
     * @throws IOException if either socket is closed
     */
    public static KeepAlive copy(SocketKeepAlive listener, SocketKeepAlive accepted) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(accepted, "accepted");
        KeepAlive settings = listener.ownSettings();
        if (!accepted.canSetUserTimeout() && settings.userTimeout().filter(Duration::isZero).isPresent()) {
            KeepAlive.Builder withoutUserTimeout = KeepAlive.builder().enabled(settings.enabled());
            settings.idle().ifPresent(withoutUserTimeout::idle);
            settings.interval().ifPresent(withoutUserTimeout::interval);
            settings.probes().ifPresent(withoutUserTimeout::probes);
            settings = withoutUserTimeout.build();
        }
        return accepted.apply(settings);
    }

    /** {@link #accept(ServerSocketChannel)} with the OS's inheritance given, so that tests run the copy too. */
    static SocketChannel accept(ServerSocketChannel listener, boolean inherited) throws IOException {
        Objects.requireNonNull(listener, "listener");
        SocketChannel accepted = listener.accept();
        if (accepted != null) {
            carryOver(() -> SocketKeepAlive.of(listener), accepted, () -> SocketKeepAlive.of(accepted), inherited);
        }
        return accepted;
    }

    /** {@link #accept(ServerSocket)} with the OS's inheritance given, so that tests run the copy too. */
    static Socket accept(ServerSocket listener, boolean inherited) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Socket accepted = listener.accept();
        carryOver(() -> SocketKeepAlive.of(listener), accepted, () -> SocketKeepAlive.of(accepted), inherited);
        return accepted;
    }

    /**
     * Gives the accepted socket the listener's settings as they are now, or closes it, since the caller would
     * otherwise never see it. Where the OS handed the settings down at the handshake, copies only if the
     * listener changed since.
     */
    private static void carryOver(Supplier<SocketKeepAlive> listenerView, Closeable accepted,
            Supplier<SocketKeepAlive> acceptedView, boolean inherited) throws IOException {
        try {
            SocketKeepAlive listener = listenerView.get();
            SocketKeepAlive target = acceptedView.get();
            if (!inherited || !listener.current().equals(target.current())) {
                copy(listener, target);
            }
        } catch (IOException | RuntimeException failure) {
            try {
                accepted.close();
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }
}
