package dev.keepalive;

import dev.keepalive.internal.Access;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Platform;
import dev.keepalive.internal.Sessions;
import dev.keepalive.internal.Setting;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * TCP keep-alive on one socket, through the operating system's own calls.
 *
 * <p>A {@code SocketKeepAlive} is a borrowed view: it never closes the socket, and it is safe to use from
 * several threads. For JDK sockets each call holds the same lock the JDK holds to close the socket, so a
 * call never reaches a descriptor that was closed (it fails with the JDK's own closed-socket exception);
 * for a raw handle, the caller keeps the handle open. Make the view once per socket and keep it: creating
 * it looks up the handle, while the calls themselves allocate nothing.
 *
 * <p>Native options, by OS:
 * <table class="striped">
 * <caption>Options used</caption>
 * <tr><th>setting</th><th>Linux</th><th>macOS</th><th>Windows</th></tr>
 * <tr><td>enabled</td><td>{@code SO_KEEPALIVE}</td><td>{@code SO_KEEPALIVE}</td>
 *     <td>{@code SO_KEEPALIVE} (DWORD)</td></tr>
 * <tr><td>idle</td><td>{@code TCP_KEEPIDLE}, 1 to 32767 s</td><td>{@code TCP_KEEPALIVE}, s</td>
 *     <td>{@code TCP_KEEPALIVE} (s) from 10 1709; else {@code SIO_KEEPALIVE_VALS} (ms)</td></tr>
 * <tr><td>interval</td><td>{@code TCP_KEEPINTVL}, 1 to 32767 s</td><td>{@code TCP_KEEPINTVL}, s</td>
 *     <td>{@code TCP_KEEPINTVL} (s) from 10 1709; else {@code SIO_KEEPALIVE_VALS} (ms)</td></tr>
 * <tr><td>probes</td><td>{@code TCP_KEEPCNT}, 1 to 127</td><td>{@code TCP_KEEPCNT}</td>
 *     <td>{@code TCP_KEEPCNT}, 1 to 255, from 10 1703; else fixed at 10</td></tr>
 * <tr><td>userTimeout</td><td>{@code TCP_USER_TIMEOUT}, ms</td><td>{@code TCP_RXT_CONNDROPTIME}, s</td>
 *     <td>{@code TCP_MAXRT}, s</td></tr>
 * </table>
 * {@link Capabilities#current()} reports the exact ranges and what can be read back on the running OS.
 *
 * <p>Reaching the handle inside JDK sockets needs the JVM options
 * {@code --add-opens java.base/sun.nio.ch=M --add-opens java.base/java.net=M}, where {@code M} is
 * {@code dev.keepalive} on the module path or {@code ALL-UNNAMED} on the class path, and native access
 * ({@code --enable-native-access=M}; a JVM that only warns without it still works). Without them the
 * library uses the JDK's own socket options where they exist, and otherwise throws an
 * {@link UnsupportedOperationException} naming the option to add. {@code --add-opens
 * java.base/sun.security.ssl=M} also lets it reach the socket under a TLS socket layered over another;
 * without it such a socket is reached through its own options, which the JDK hands to that socket.
 *
 * <p>Only Linux hands every setting of a listening socket down to the sockets it accepts;
 * {@link AcceptedSockets} carries them over on every OS, as the listening socket has them at accept time.
 *
 * {@snippet :
 * try (SocketChannel channel = SocketChannel.open(address)) {
 *     SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
 *     KeepAlive applied = keepAlive.apply(KeepAlive.builder()
 *             .idle(Duration.ofSeconds(30))
 *             .interval(Duration.ofSeconds(5))
 *             .probes(3)
 *             .build());
 *     // a silent peer is now detected after about 30 s + 3 x 5 s
 * }
 * }
 */
public final class SocketKeepAlive {

    private final KeepAliveSession session;

    private SocketKeepAlive(KeepAliveSession session) {
        this.session = session;
    }

    /**
     * A view of a socket channel.
     *
     * @param channel the channel, open or not yet connected
     * @return the view
     */
    public static SocketKeepAlive of(SocketChannel channel) {
        return new SocketKeepAlive(Sessions.of(channel));
    }

    /**
     * A view of a server socket channel. On Linux, accepted sockets inherit the listening socket's
     * keep-alive settings. On macOS the idle time is kept for accepted sockets ({@link AcceptedSockets}) rather
     * than set on a listening socket, which macOS 13 and earlier drop when its keep-alive timer fires.
     *
     * @param channel the channel
     * @return the view
     */
    public static SocketKeepAlive of(ServerSocketChannel channel) {
        return new SocketKeepAlive(Sessions.of(channel));
    }

    /**
     * A view of a socket; a socket that has no native socket yet gets one. Each call reaches the connection
     * the socket uses at the time of the call, which the JDK may change under it (an HTTP proxy's connect,
     * {@code ServerSocket.implAccept}), and fails as on a closed socket once that connection is closed (a
     * failed connect). A TLS socket layered over another socket is reached through the socket underneath; a
     * subclass that overrides the socket options (a wrapper around another socket) through those options,
     * which {@link #access()} then says.
     *
     * @param socket the socket
     * @return the view
     */
    public static SocketKeepAlive of(Socket socket) {
        return new SocketKeepAlive(Sessions.of(socket));
    }

    /**
     * A view of a server socket; a server socket that has no native socket yet gets one.
     *
     * @param socket the server socket
     * @return the view
     */
    public static SocketKeepAlive of(ServerSocket socket) {
        return new SocketKeepAlive(Sessions.of(socket));
    }

    /**
     * A view of an asynchronous socket channel. Each native call holds the channel's close lock, as the
     * channel's own {@code setOption} does.
     *
     * @param channel the channel, open or not yet connected
     * @return the view; its calls throw {@link java.nio.channels.ClosedChannelException} once the channel is
     *     closed
     */
    public static SocketKeepAlive of(AsynchronousSocketChannel channel) {
        return new SocketKeepAlive(Sessions.of(channel));
    }

    /**
     * A view of an asynchronous server socket channel. Which settings the connections it accepts inherit
     * depends on the OS; see {@link AcceptedSockets}.
     *
     * @param channel the channel
     * @return the view; its calls throw {@link java.nio.channels.ClosedChannelException} once the channel is
     *     closed
     */
    public static SocketKeepAlive of(AsynchronousServerSocketChannel channel) {
        return new SocketKeepAlive(Sessions.of(channel));
    }

    /**
     * A view of a socket known only by its handle. The library cannot see the handle being closed: the
     * caller keeps it open while using the view.
     *
     * @param handle a POSIX file descriptor, or a Windows {@code SOCKET}
     * @return the view
     * @throws IllegalArgumentException if the number cannot be a handle on this OS (a negative descriptor,
     *     {@code INVALID_SOCKET})
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows, or if the JVM denies
     *     this library native access (the message names the {@code --enable-native-access} option to add)
     */
    public static SocketKeepAlive ofHandle(long handle) {
        return new SocketKeepAlive(Sessions.ofHandle(handle));
    }

    /**
     * What the running OS supports.
     *
     * @return the capability report
     */
    public static Capabilities capabilities() {
        return Capabilities.current();
    }

    /**
     * Turns keep-alive on or off ({@code SO_KEEPALIVE}, 4-byte value). Off by default on every OS.
     *
     * @param enabled whether probes are sent on an idle connection
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public void setEnabled(boolean enabled) throws IOException {
        session.set(Setting.ENABLED, enabled ? 1 : 0);
    }

    /**
     * Whether keep-alive is on ({@code SO_KEEPALIVE}; any non-zero value is on).
     *
     * @return {@code true} if on
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public boolean isEnabled() throws IOException {
        return session.get(Setting.ENABLED) != 0;
    }

    /**
     * Sets the idle time before the first probe, rounded up to the OS's unit (seconds; milliseconds on
     * Windows before 10 1709, where the interval is sent along with it).
     *
     * @param idle a positive duration within the OS's range (Linux: at most 32767 s)
     * @throws IllegalArgumentException if it is outside the OS's range, before any native call
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public void setIdle(Duration idle) throws IOException {
        session.set(Setting.IDLE, idle);
    }

    /**
     * Sets the interval between probes, rounded up like {@link #setIdle(Duration)}.
     *
     * @param interval a positive duration within the OS's range (Linux: at most 32767 s)
     * @throws IllegalArgumentException if it is outside the OS's range, before any native call
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public void setInterval(Duration interval) throws IOException {
        session.set(Setting.INTERVAL, interval);
    }

    /**
     * Sets how many unanswered probes drop the connection ({@code TCP_KEEPCNT}).
     *
     * @param probes at least 1 and within the OS's range (Linux: at most 127; Windows: 255)
     * @throws IllegalArgumentException if it is outside the OS's range, before any native call
     * @throws UnsupportedOperationException on Windows before 10 1703, where the count is fixed at 10
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public void setProbes(int probes) throws IOException {
        session.set(Setting.PROBES, session.table().toNative(Setting.PROBES, probes));
    }

    /**
     * Sets the user timeout: how long sent data or a probe may stay unacknowledged before the connection
     * is dropped. Rounded up to milliseconds on Linux and to seconds on macOS and Windows;
     * {@link Duration#ZERO} removes it on Linux and macOS; on Windows, {@code ChronoUnit.FOREVER.getDuration()}
     * sets {@code TCP_MAXRT} to -1, "retransmit forever". Set before {@code connect}, it also bounds the
     * connection attempt (Linux's {@code TCP_USER_TIMEOUT}, Windows's {@code TCP_MAXRT}).
     *
     * @param userTimeout zero or a positive duration within the OS's range
     * @throws IllegalArgumentException if it is outside the OS's range, before any native call
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public void setUserTimeout(Duration userTimeout) throws IOException {
        session.set(Setting.USER_TIMEOUT, userTimeout);
    }

    /**
     * Applies every field present in the settings and leaves absent ones unchanged; keep-alive is turned
     * on unless the settings say {@code enabled(false)}. Values are checked against the OS's limits and
     * rounded up to its units before any native call. All or nothing: if the OS refuses one option, the
     * options already changed are restored and the exception names the option refused. A value
     * {@linkplain KeepAlive kept as read} (one read from a socket that this library could not set) is left as
     * it is, so that what {@link #current()} returns can always be applied again.
     *
     * @param settings the settings
     * @return the settings in effect afterwards, read back from the socket where the OS allows; a value this
     *     library could not set is kept as read
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException if a present field cannot be set on this OS
     * @throws SocketOptionException if the OS refuses an option
     * @throws IOException if the socket is closed
     */
    public KeepAlive apply(KeepAlive settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        return session.apply(settings.toApply()).keptAsRead(session.table());
    }

    /**
     * The settings in effect now, read from the socket. On Windows before 10 1709 idle and interval cannot
     * be read: they are what this library last set on the socket, or else the system defaults (the registry's
     * {@code KeepAliveTime} and {@code KeepAliveInterval}, or Microsoft's documented 2 h and 1 s). Use
     * {@link #effective()} to learn where each value came from. The limits for reading are the OS's, not
     * those for setting: a value this library could not set (a system default above {@code TCP_KEEPIDLE}'s
     * 32767 s on Linux, say) is reported and {@linkplain KeepAlive kept as read}, so that applying the result
     * leaves it as it is.
     *
     * @return the settings; a field the OS cannot report is absent
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public KeepAlive current() throws IOException {
        return session.current().keptAsRead(session.table());
    }

    /**
     * The settings in effect now, each with where its value comes from, and the time after which a silent
     * peer is detected ({@link EffectiveKeepAlive#detectionTime()}). Unlike {@link #current()}, a field the
     * socket cannot report is filled in rather than left out: with the value this library set and remembers
     * ({@code SIO_KEEPALIVE_VALS} on Windows before 10 1709), or else the {@linkplain #systemDefaults() system
     * default} (such a value this library never set; the probe count fixed at 10 on Windows before 10 1703; a
     * zero, meaning "not set", read back on macOS). What cannot be had at all is reported as unknown with the
     * reason, such as the user timeout where a JDK socket is reached only through the JDK's options.
     *
     * <p>On Linux every field is read from the socket: a new socket reports the values in
     * {@code /proc/sys/net/ipv4}. Not a hot-path call: it allocates the report, and reads the system defaults
     * only where a field needs them.
     *
     * @return the report
     * @throws SocketOptionException if the OS refuses
     * @throws IOException if the socket is closed
     */
    public EffectiveKeepAlive effective() throws IOException {
        return session.effective();
    }

    /**
     * The running OS's system-wide keep-alive defaults, read now: on Linux from
     * {@code /proc/sys/net/ipv4/tcp_keepalive_time}, {@code tcp_keepalive_intvl} and
     * {@code tcp_keepalive_probes}; on macOS from the sysctls {@code net.inet.tcp.keepidle},
     * {@code net.inet.tcp.keepintvl} (both in milliseconds) and {@code net.inet.tcp.keepcnt}; on Windows from
     * the registry values {@code KeepAliveTime} and {@code KeepAliveInterval}, or Microsoft's documented
     * defaults (2 h, 1 s, 10 probes) where the registry holds none. See {@link SystemDefaults}.
     *
     * @return the defaults; one that cannot be read is unknown, with the reason, never guessed
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public static SystemDefaults systemDefaults() {
        return Platform.backend().systemDefaults();
    }

    /**
     * How this view reaches the socket, and why where it is not through the native handle for a reason other
     * than missing {@code --add-opens}.
     *
     * @return {@code native handle}; {@code JDK socket options} where the JVM did not open {@code java.base} to
     *     this library; {@code JDK socket options (...)} with the reason where the socket's own options are used
     *     for another: a subclass that overrides them (a wrapper around another socket), a TLS socket layered
     *     over another socket whose handle the JVM keeps from this library, or a JVM that denies this library
     *     native access (the reason names the option that would lift it)
     */
    public String access() {
        return session.accessText();
    }

    /** Whether this view can set a user timeout on its socket: not where it goes through the JDK's options. */
    boolean canSetUserTimeout() {
        return session.table().supports(Setting.USER_TIMEOUT);
    }

    /** The settings this socket holds of its own, for {@link AcceptedSockets#copy}. */
    KeepAlive ownSettings() throws IOException {
        return session.ownSettings();
    }

    /** How this view reaches the socket, as a type, for this library's own decisions. */
    Access accessPath() {
        return session.access();
    }

    @Override
    public String toString() {
        return "SocketKeepAlive[" + session.accessText() + ", " + session.table().os().displayName() + "]";
    }
}
