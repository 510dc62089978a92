package dev.keepalive.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SourcedValue;
import dev.keepalive.ValueSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The fallback where this library cannot reach a socket's handle (the JVM did not open {@code java.base} to it or
 * denies it native access, or the socket is a subclass that overrides its options): the socket's own
 * {@code SO_KEEPALIVE} and {@code jdk.net.ExtendedSocketOptions}, in seconds, as the "native calls" of a
 * {@link SockoptBackend}, so that apply, rollback and the report work as on the native path. It reaches what
 * the JDK offers for the socket; everything else fails with an exception saying why: the JVM options to add (and
 * which of them this JVM lacks), the {@code jdk.net} module where the Java runtime has none, or why this socket
 * is reached through its options at all.
 *
 * <p>A listening socket is offered {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} and {@code TCP_KEEPCOUNT} by
 * the JDK, but not {@code SO_KEEPALIVE}. Whether keep-alive is on is then remembered for the listening socket
 * (as long as the socket object lives), reported as {@link ValueSource#REMEMBERED}, and given to the sockets
 * it accepts by {@code AcceptedSockets}, which can set it on them.
 */
public final class JdkOptions implements SocketCalls {

    /** Sets a JDK socket option; implemented by the sockets' and channels' own {@code setOption}. */
    @FunctionalInterface
    public interface Setter {
        /**
         * Sets an option.
         *
         * @param option the option
         * @param value the value
         * @param <T> the option's type
         * @throws IOException if the JDK fails
         */
        <T> void set(SocketOption<T> option, T value) throws IOException;
    }

    /** Reads a JDK socket option; implemented by the sockets' and channels' own {@code getOption}. */
    @FunctionalInterface
    public interface Getter {
        /**
         * Reads an option.
         *
         * @param option the option
         * @param <T> the option's type
         * @return the value
         * @throws IOException if the JDK fails
         */
        <T> T get(SocketOption<T> option) throws IOException;
    }

    /**
     * The JDK's socket-option methods of one socket, which {@link Socket}, {@link ServerSocket} and
     * channels each have under the same names but share no interface for.
     *
     * @param supported the options the socket supports
     * @param setter its {@code setOption}
     * @param getter its {@code getOption}
     * @param socket the socket or channel itself, under which a listening socket's keep-alive switch is
     *     remembered; {@code null} for none
     */
    public record Carrier(Supplier<Set<SocketOption<?>>> supported, Setter setter, Getter getter, Object socket) {

        /**
         * The options of a socket that nothing is remembered for.
         *
         * @param supported the options the socket supports
         * @param setter its {@code setOption}
         * @param getter its {@code getOption}
         */
        public Carrier(Supplier<Set<SocketOption<?>>> supported, Setter setter, Getter getter) {
            this(supported, setter, getter, null);
        }

        /**
         * The options of a channel.
         *
         * @param channel the channel
         * @return the carrier
         */
        public static Carrier of(NetworkChannel channel) {
            return new Carrier(channel::supportedOptions, channel::setOption, channel::getOption, channel);
        }

        /**
         * The options of a socket.
         *
         * @param socket the socket
         * @return the carrier
         */
        public static Carrier of(Socket socket) {
            return ofSocket(socket::supportedOptions, socket::setOption, socket::getOption, socket);
        }

        /**
         * The options of a server socket.
         *
         * @param socket the server socket
         * @return the carrier
         */
        public static Carrier of(ServerSocket socket) {
            return ofSocket(socket::supportedOptions, socket::setOption, socket::getOption, socket);
        }

        /**
         * The options of a {@code Socket} or {@code ServerSocket}, whose {@code setOption} and {@code getOption}
         * are wrapped so that a closed socket fails as the JDK's other {@code Socket} calls do. Made once per view,
         * so the wrappers cost nothing per call.
         */
        private static Carrier ofSocket(Supplier<Set<SocketOption<?>>> supported, Setter setter, Getter getter,
                Object socket) {
            return new Carrier(supported, new Setter() {
                @Override
                public <T> void set(SocketOption<T> option, T value) throws IOException {
                    try {
                        setter.set(option, value);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            }, new Getter() {
                @Override
                public <T> T get(SocketOption<T> option) throws IOException {
                    try {
                        return getter.get(option);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            }, socket);
        }

        /**
         * The exception the JDK's own {@code Socket} calls throw once the socket is closed. The sockets a channel
         * makes pass the channel's {@link ClosedChannelException} out of {@code setOption} and {@code getOption},
         * while their other calls, like every other {@code Socket}'s, throw this.
         */
        private static SocketException closedSocket(ClosedChannelException closed) {
            SocketException exception = new SocketException("Socket is closed");
            exception.initCause(closed);
            return exception;
        }
    }

    /** Whether keep-alive is on, by listening socket, where the JDK offers no {@code SO_KEEPALIVE} for it. */
    private static final Map<Object, Boolean> LISTENERS_KEEP_ALIVE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Carrier carrier;
    private final String remedy;

    private JdkOptions(Carrier carrier, String remedy) {
        this.carrier = carrier;
        this.remedy = remedy;
    }

    /**
     * The backend for one socket reached through the JDK's options.
     *
     * @param carrier the socket's options
     * @param os the running OS's backend, for its limits and system defaults
     * @param why why this socket is reached so, which ends the messages of the options it cannot reach; empty
     *     where the JVM did not open {@code java.base} to this library (the messages then name those options)
     * @return the backend; the handles passed to it are ignored
     */
    public static Backend backend(Carrier carrier, Backend os, String why) {
        String remedy = why.isEmpty() ? defaultRemedy() : why;
        OptionTable table = table(carrier, os.table(), remedy);
        JdkOptions calls = new JdkOptions(carrier, remedy);
        if (!calls.remembersKeepAlive()) {
            return new SockoptBackend(table, calls, os::systemDefaults, List.of(), true);
        }
        return new SockoptBackend(table, calls, os::systemDefaults, List.of(), true) {
            @Override
            public EffectiveKeepAlive effective(long handle) throws IOException {
                EffectiveKeepAlive read = super.effective(handle);
                return new EffectiveKeepAlive(read.os(), calls.rememberedKeepAlive(), read.idle(), read.interval(),
                        read.probes(), read.userTimeout());
            }
        };
    }

    /** What the messages of options out of reach end with where the JVM did not open {@code java.base}. */
    private static String defaultRemedy() {
        return "this library can set it on the socket's descriptor if you " + JdkSockets.advice();
    }

    /**
     * The table of what the JDK offers on a {@code SocketChannel} of this JVM, for the capability report.
     *
     * @param os the OS's own table
     * @return the table
     */
    public static OptionTable offeredBySocketChannels(OptionTable os) {
        try (SocketChannel probe = SocketChannel.open()) {
            return table(Carrier.of(probe), os, defaultRemedy());
        } catch (IOException e) {
            return table(new Carrier(Set::of, null, null), os, defaultRemedy());
        }
    }

    /**
     * The table of what the JDK itself offers for the socket ({@code supportedOptions()}), with the OS's limits:
     * every time option in whole seconds, and no user timeout. The JDK decides on its own what it offers (on
     * Windows, {@code WindowsSocketOptions.c} offers the three {@code TCP_KEEP*} options only if all three
     * answer), so the OS's table cannot stand in for it. {@code SO_KEEPALIVE} stays in the table even where the
     * JDK does not offer it (on server sockets): using it then fails with the JVM options to add.
     *
     * @param carrier the socket's options
     * @param os the OS's own table
     * @param remedy what the messages of the options out of reach end with
     * @return the table
     */
    static OptionTable table(Carrier carrier, OptionTable os, String remedy) {
        Set<SocketOption<?>> offered = carrier.supported().get();
        List<OptionSpec> specs = new ArrayList<>();
        for (OptionSpec spec : os.specs().values()) {
            SocketOption<?> option = optionFor(spec.setting());
            if (option == null || spec.setting() != Setting.ENABLED && !offered.contains(option)) {
                continue;
            }
            boolean seconds = spec.unit() == Unit.SECONDS;
            // a listening socket's switch is remembered, not read (the JDK offers no SO_KEEPALIVE for it)
            boolean readable = spec.setting() != Setting.ENABLED || offered.contains(option);
            specs.add(new OptionSpec(spec.setting(), option.name(), 0, 0,
                    spec.unit().isTime() ? Unit.SECONDS : spec.unit(), spec.min(),
                    seconds || !spec.unit().isTime() ? spec.max() : spec.max() / 1000, readable));
        }
        Map<Setting, String> reasons = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            reasons.put(setting, (optionFor(setting) == null && setting != Setting.USER_TIMEOUT
                    ? "this Java runtime has no jdk.net module, whose ExtendedSocketOptions offer it"
                    : "the JDK does not offer it for this socket") + "; " + remedy);
        }
        reasons.put(Setting.USER_TIMEOUT, "no JDK socket option sets it; " + remedy);
        return new OptionTable(os.os(), specs, reasons, "the JDK's socket options");
    }

    @Override
    public void setInt(long ignored, OptionSpec spec, int value) throws IOException {
        Setting setting = spec.setting();
        if (setting == Setting.ENABLED && remembersKeepAlive()) {
            ensureOpen();
            LISTENERS_KEEP_ALIVE.put(carrier.socket(), value != 0);
        } else if (setting == Setting.ENABLED) {
            carrier.setter().set(supported(StandardSocketOptions.SO_KEEPALIVE), value != 0);
        } else {
            carrier.setter().set(supported(intOption(setting)), value);
        }
    }

    @Override
    public int getInt(long ignored, OptionSpec spec) throws IOException {
        Setting setting = spec.setting();
        if (setting == Setting.ENABLED && remembersKeepAlive()) {
            ensureOpen();
            return Boolean.TRUE.equals(LISTENERS_KEEP_ALIVE.get(carrier.socket())) ? 1 : 0;
        }
        if (setting == Setting.ENABLED) {
            return carrier.getter().get(supported(StandardSocketOptions.SO_KEEPALIVE)) ? 1 : 0;
        }
        return carrier.getter().get(supported(intOption(setting)));
    }

    /**
     * Fails as the JDK's own calls on the socket do once it is closed, where the switch is only remembered: a
     * read of an option every socket has ({@code SO_RCVBUF}) makes the JDK check.
     */
    private void ensureOpen() throws IOException {
        carrier.getter().get(StandardSocketOptions.SO_RCVBUF);
    }

    /** Whether the socket is one whose keep-alive switch the JDK does not offer, so that it is remembered. */
    private boolean remembersKeepAlive() {
        return carrier.socket() != null && !carrier.supported().get().contains(StandardSocketOptions.SO_KEEPALIVE);
    }

    /** The remembered switch, or the system default (off) if it was never set through this library. */
    private SourcedValue<Boolean> rememberedKeepAlive() {
        Boolean remembered = LISTENERS_KEEP_ALIVE.get(carrier.socket());
        return remembered != null
                ? SourcedValue.of(remembered, ValueSource.REMEMBERED, "set through this library and remembered for"
                        + " the sockets it accepts: the JDK offers no SO_KEEPALIVE for a listening socket")
                : SourcedValue.of(false, ValueSource.SYSTEM_DEFAULT, "off, as on every new socket: the JDK offers no"
                        + " SO_KEEPALIVE for a listening socket, and this library never set it");
    }

    private <T> SocketOption<T> supported(SocketOption<T> option) {
        if (!carrier.supported().get().contains(option)) {
            throw new UnsupportedOperationException(option.name() + " is not offered by the JDK for this socket; "
                    + remedy);
        }
        return option;
    }

    @SuppressWarnings("unchecked")
    private static SocketOption<Integer> intOption(Setting setting) {
        return (SocketOption<Integer>) optionFor(setting);
    }

    /** The JDK's option for a setting, or {@code null} if the JDK (or this Java runtime) has none. */
    private static SocketOption<?> optionFor(Setting setting) {
        return switch (setting) {
            case ENABLED -> StandardSocketOptions.SO_KEEPALIVE;
            case IDLE, INTERVAL, PROBES -> JdkNet.PRESENT ? JdkNet.optionFor(setting) : null;
            case USER_TIMEOUT -> null;
        };
    }

    /**
     * The options of {@code jdk.net}, a module a Java runtime may lack (one made with
     * {@code jlink --add-modules java.base}); its classes are touched only where it is present.
     */
    private static final class JdkNet {
        static final boolean PRESENT = present();

        private static boolean present() {
            try {
                Class.forName("jdk.net.ExtendedSocketOptions", false, JdkOptions.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
        }

        static SocketOption<?> optionFor(Setting setting) {
            return switch (setting) {
                case IDLE -> jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE;
                case INTERVAL -> jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL;
                case PROBES -> jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT;
                default -> throw new IllegalArgumentException(setting + " is not a jdk.net option");
            };
        }
    }
}
