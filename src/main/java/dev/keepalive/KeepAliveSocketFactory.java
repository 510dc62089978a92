package dev.keepalive;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * A {@link SocketFactory} whose sockets carry keep-alive settings, for the clients that accept a socket
 * factory: JDBC drivers, HTTP, mail and directory clients. Every {@code createSocket} method returns a socket
 * with the settings applied through {@link SocketKeepAlive}; the unconnected {@link #createSocket()} applies
 * them before the client connects, so they hold from the first segment.
 *
 * <p>The settings are a string in the syntax of {@link KeepAlive#parse(String)}, such as
 * {@code idle=30s,interval=5s,probes=3}, given to a constructor, in the client's connection properties, or
 * in the system property {@value #SETTINGS_PROPERTY}. Bad settings, and values outside the running OS's
 * range, fail when the factory is made, with an {@link IllegalArgumentException} naming the key: never later,
 * on a connection.
 *
 * <p>The sockets of this factory keep its settings in force: when keep-alive is on, a client that calls
 * {@code setKeepAlive(false)} or sets {@code SO_KEEPALIVE} to false is ignored; when the settings hold an idle
 * time, interval or probe count, a client that sets {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} or
 * {@code TCP_KEEPCOUNT} to another value is ignored. Each such call is logged once, as a warning. The
 * PostgreSQL JDBC driver turns keep-alive off after connecting unless its {@code tcpKeepAlive} property is
 * {@code true} (the {@link #KeepAliveSocketFactory(Properties)} constructor warns about it up front); Apache
 * HttpClient 5 sets all four from its {@code SocketConfig}. Sockets made by a
 * {@linkplain #wrapping(SocketFactory, KeepAlive) wrapped factory} are that factory's own and are not guarded.
 *
 * <p>Where the JVM did not open {@code java.base} to this library (see {@link SocketKeepAlive}), the factory
 * applies what the JDK's own socket options reach (keep-alive, idle time, interval, probe count) and logs
 * once, through {@link System.Logger}, each setting it cannot apply, such as the user timeout. Messages go
 * to the logger named after this class.
 *
 * {@snippet :
 * // PostgreSQL JDBC: the driver makes the factory with its connection properties
 * String url = "jdbc:postgresql://db:5432/app?tcpKeepAlive=true"
 *         + "&socketFactory=dev.keepalive.KeepAliveSocketFactory"
 *         + "&socketFactoryArg=idle=30s,interval=5s,probes=3";
 *
 * // any client that takes a SocketFactory instance
 * SocketFactory factory = new KeepAliveSocketFactory("idle=30s,interval=5s,probes=3");
 * try (Socket socket = factory.createSocket("db", 5432)) {
 *     // a silent peer is dropped after about 30 s + 3 x 5 s
 * }
 * }
 */
public final class KeepAliveSocketFactory extends SocketFactory {

    /** The system property read by {@link #KeepAliveSocketFactory()} and {@link #getDefault()}. */
    public static final String SETTINGS_PROPERTY = "dev.keepalive.settings";
    /** The PostgreSQL JDBC driver's property that carries a string for its socket factory. */
    private static final String POSTGRES_ARGUMENT = "socketFactoryArg";
    private static final String POSTGRES_FACTORY = "socketFactory";
    private static final String POSTGRES_KEEPALIVE = "tcpKeepAlive";

    /** The factory {@link #getDefault()} returns, with the property text it was made from. */
    private static volatile Default defaultFactory;

    private final KeepAlive settings;
    private final KeepAlive applied;
    private final SocketFactory delegate;

    /**
     * Makes a factory with the settings in the system property {@value #SETTINGS_PROPERTY}.
     *
     * @throws IllegalArgumentException if the property is not set, or its settings are bad or outside the OS's
     *     range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public KeepAliveSocketFactory() {
        this(KeepAlive.parse(systemProperty()), null);
    }

    /**
     * Makes a factory with settings given as a string; the PostgreSQL JDBC driver passes its
     * {@code socketFactoryArg} here when it finds no {@link Properties} constructor.
     *
     * @param settings the settings, such as {@code idle=30s,interval=5s,probes=3}
     * @throws IllegalArgumentException if the settings are bad or outside the OS's range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public KeepAliveSocketFactory(String settings) {
        this(KeepAlive.parse(settings), null);
    }

    /**
     * Makes a factory from a client's connection properties. The settings string is the property
     * {@value #SETTINGS_PROPERTY}, else {@code socketFactoryArg} (the PostgreSQL JDBC driver's), else the
     * system property {@value #SETTINGS_PROPERTY}.
     *
     * <p>PostgreSQL JDBC: when the properties name a socket factory and {@code tcpKeepAlive} is not
     * {@code true} (its default is {@code false}), the driver turns {@code SO_KEEPALIVE} off after connecting.
     * This constructor logs a warning once; the sockets keep keep-alive on anyway.
     *
     * @param properties the connection properties (defaults included)
     * @throws IllegalArgumentException if none of those properties is set, or the settings are bad or outside
     *     the OS's range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public KeepAliveSocketFactory(Properties properties) {
        this(KeepAlive.parse(settingsIn(properties)), null);
        warnIfPostgresTurnsItOff(properties);
    }

    /**
     * Makes a factory with these settings.
     *
     * @param settings the settings
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public KeepAliveSocketFactory(KeepAlive settings) {
        this(settings, null);
    }

    private KeepAliveSocketFactory(KeepAlive settings, SocketFactory delegate) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.delegate = delegate;
        ReachableSettings reachable = ReachableSettings.probe(settings);
        this.applied = reachable.settings();
        for (String lost : reachable.lost()) {
            LogOnce.log(Level.WARNING, "KeepAliveSocketFactory applies '" + applied.toSettingsString()
                    + "' of '" + settings.toSettingsString() + "': " + lost);
        }
    }

    /**
     * A factory whose sockets come from another factory, with the settings applied to each: before it
     * returns from {@link #createSocket()}, after it connects from the other methods. The other factory's
     * sockets must be ones {@link SocketKeepAlive#of(Socket)} reaches; they are not guarded against being
     * switched off.
     *
     * @param delegate the factory that makes the sockets
     * @param settings the settings
     * @return the factory
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public static KeepAliveSocketFactory wrapping(SocketFactory delegate, KeepAlive settings) {
        return new KeepAliveSocketFactory(settings, Objects.requireNonNull(delegate, "delegate"));
    }

    /**
     * The factory for clients that take a class name and call its static {@code getDefault()}: JNDI LDAP
     * ({@code java.naming.ldap.factory.socket}) and Jakarta Mail ({@code mail.smtp.socketFactory.class}). Its
     * settings are the system property {@value #SETTINGS_PROPERTY}; the same factory is returned while the
     * property is unchanged.
     *
     * @return the factory
     * @throws IllegalArgumentException if the property is not set, or its settings are bad or outside the OS's
     *     range
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public static KeepAliveSocketFactory getDefault() {
        String text = systemProperty();
        Default current = defaultFactory;
        if (current == null || !current.text().equals(text)) {
            current = new Default(text, new KeepAliveSocketFactory(KeepAlive.parse(text), null));
            defaultFactory = current;
        }
        return current.factory();
    }

    /**
     * The settings this factory was made with.
     *
     * @return the settings
     */
    public KeepAlive settings() {
        return settings;
    }

    /**
     * The settings its sockets get: {@link #settings()}, less what this JVM cannot set (see the class
     * documentation).
     *
     * @return the settings applied to each socket
     */
    public KeepAlive appliedSettings() {
        return applied;
    }

    /**
     * An unconnected socket with the settings already applied.
     *
     * @return the socket
     * @throws IOException if the socket cannot be made or the OS refuses a setting
     */
    @Override
    public Socket createSocket() throws IOException {
        return configured(delegate == null ? new KeepAliveSocket(applied) : delegate.createSocket());
    }

    /**
     * A socket connected to the host's first address, with the settings applied before connecting.
     *
     * @param host the host name, or {@code null} for the loopback address
     * @param port the port
     * @return the connected socket
     * @throws java.net.UnknownHostException if the host cannot be resolved
     * @throws IOException if connecting fails or the OS refuses a setting
     */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        if (delegate != null) {
            return configured(delegate.createSocket(host, port));
        }
        return connected(new InetSocketAddress(InetAddress.getByName(host), port), null);
    }

    /**
     * A socket bound to a local address and port, then connected to the host's first address.
     *
     * @param host the host name, or {@code null} for the loopback address
     * @param port the port
     * @param localHost the local address, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the connected socket
     * @throws java.net.UnknownHostException if the host cannot be resolved
     * @throws IOException if binding or connecting fails or the OS refuses a setting
     */
    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        if (delegate != null) {
            return configured(delegate.createSocket(host, port, localHost, localPort));
        }
        return connected(new InetSocketAddress(InetAddress.getByName(host), port),
                new InetSocketAddress(localHost, localPort));
    }

    /**
     * A socket connected to an address.
     *
     * @param host the address
     * @param port the port
     * @return the connected socket
     * @throws IOException if connecting fails or the OS refuses a setting
     */
    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        if (delegate != null) {
            return configured(delegate.createSocket(host, port));
        }
        return connected(new InetSocketAddress(host, port), null);
    }

    /**
     * A socket bound to a local address and port, then connected to an address.
     *
     * @param address the address
     * @param port the port
     * @param localAddress the local address, or {@code null} for any
     * @param localPort the local port, or 0 for any
     * @return the connected socket
     * @throws IOException if binding or connecting fails or the OS refuses a setting
     */
    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        if (delegate != null) {
            return configured(delegate.createSocket(address, port, localAddress, localPort));
        }
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** The settings made, as a settings string, with what this JVM applies where that differs. */
    @Override
    public String toString() {
        String text = settings.toSettingsString();
        return "KeepAliveSocketFactory[" + text
                + (applied.equals(settings) ? "" : ", applied " + applied.toSettingsString()) + "]";
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            closeAfter(socket, e);
            throw e;
        }
    }

    private Socket configured(Socket socket) throws IOException {
        try {
            SocketKeepAlive.of(socket).apply(applied);
            return socket;
        } catch (IOException e) {
            closeAfter(socket, e);
            throw e;
        } catch (RuntimeException e) {
            // checked when the factory was made, so not expected here; a client expects an IOException
            closeAfter(socket, e);
            throw new SocketException("keep-alive settings '" + applied.toSettingsString()
                    + "' could not be applied: " + e.getMessage());
        }
    }

    private static void closeAfter(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String systemProperty() {
        String text = System.getProperty(SETTINGS_PROPERTY);
        if (text == null) {
            throw new IllegalArgumentException("no keep-alive settings: set the system property " + SETTINGS_PROPERTY
                    + ", for example -D" + SETTINGS_PROPERTY + "=idle=30s,interval=5s,probes=3");
        }
        return text;
    }

    private static String settingsIn(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        String text = properties.getProperty(SETTINGS_PROPERTY, properties.getProperty(POSTGRES_ARGUMENT));
        if (text == null && System.getProperty(SETTINGS_PROPERTY) == null) {
            throw new IllegalArgumentException("no keep-alive settings: set the connection property "
                    + SETTINGS_PROPERTY + " or " + POSTGRES_ARGUMENT + ", or the system property "
                    + SETTINGS_PROPERTY);
        }
        return text != null ? text : systemProperty();
    }

    private void warnIfPostgresTurnsItOff(Properties properties) {
        boolean postgres = properties.getProperty(POSTGRES_FACTORY) != null
                || properties.getProperty(POSTGRES_ARGUMENT) != null;
        String keepAlive = properties.getProperty(POSTGRES_KEEPALIVE);
        if (postgres && applied.enabled() && !Boolean.parseBoolean(keepAlive)) {
            LogOnce.log(Level.WARNING, "the connection properties say " + POSTGRES_KEEPALIVE + "="
                    + (keepAlive == null ? "<not set> (default false)" : keepAlive)
                    + ": the PostgreSQL JDBC driver will call setKeepAlive(false) after connecting. The sockets of"
                    + " KeepAliveSocketFactory keep SO_KEEPALIVE on for '" + applied.toSettingsString()
                    + "'; add " + POSTGRES_KEEPALIVE + "=true to the connection properties to say the same");
        }
    }

    /** The default factory and the system property's text it was made from. */
    private record Default(String text, KeepAliveSocketFactory factory) {
    }
}
