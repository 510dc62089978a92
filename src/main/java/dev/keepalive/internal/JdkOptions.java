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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;

/**
 * The fallback where this library cannot reach a socket's handle (the JVM did not open {@code java.base} to it or
 * denies it native access, or the socket is a subclass that overrides its options): the socket's own
 * {@code SO_KEEPALIVE} and {@code jdk.net.ExtendedSocketOptions}, in seconds, as the "native calls" of a
 * {@link SockoptBackend}, so that apply, rollback and the report work as on the native path. It reaches only
 * what the JDK offers for the socket; everything else fails with an exception saying why, and naming the JVM
 * options to add where they would help.
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
     */
    public record Carrier(Supplier<Set<SocketOption<?>>> supported, Setter setter, Getter getter) {

        /**
         * The options of a channel.
         *
         * @param channel the channel
         * @return the carrier
         */
        public static Carrier of(NetworkChannel channel) {
            return new Carrier(channel::supportedOptions, channel::setOption, channel::getOption);
        }

        /**
         * The options of a socket.
         *
         * @param socket the socket
         * @return the carrier
         */
        public static Carrier of(Socket socket) {
            return new Carrier(socket::supportedOptions, new Setter() {
                @Override
                public <T> void set(SocketOption<T> option, T value) throws IOException {
                    try {
                        socket.setOption(option, value);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            }, new Getter() {
                @Override
                public <T> T get(SocketOption<T> option) throws IOException {
                    try {
                        return socket.getOption(option);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            });
        }

        /**
         * The options of a server socket.
         *
         * @param socket the server socket
         * @return the carrier
         */
        public static Carrier of(ServerSocket socket) {
            return new Carrier(socket::supportedOptions, new Setter() {
                @Override
                public <T> void set(SocketOption<T> option, T value) throws IOException {
                    try {
                        socket.setOption(option, value);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            }, new Getter() {
                @Override
                public <T> T get(SocketOption<T> option) throws IOException {
                    try {
                        return socket.getOption(option);
                    } catch (ClosedChannelException closed) {
                        throw closedSocket(closed);
                    }
                }
            });
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

    private final Carrier carrier;
    private final String remedy;

    private JdkOptions(Carrier carrier, String remedy) {
        this.carrier = carrier;
        this.remedy = remedy;
    }

    /**
     * The backend for one socket reached through the JDK's options because the JVM did not open
     * {@code java.base} to this library.
     *
     * @param carrier the socket's options
     * @param os the running OS's backend, for its limits and system defaults
     * @return the backend; the handles passed to it are ignored
     */
    public static Backend backend(Carrier carrier, Backend os) {
        return backend(carrier, os, "");
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
        String remedy = why.isEmpty() ? "start the JVM with " + JdkSockets.requiredFlags() : why;
        return new SockoptBackend(table(carrier, os.table(), remedy), new JdkOptions(carrier, remedy),
                os::systemDefaults, List.of(), true);
    }

    /**
     * The table of what the JDK offers on a {@code SocketChannel} of this JVM, for the capability report.
     *
     * @param os the OS's own table
     * @return the table
     */
    public static OptionTable offeredBySocketChannels(OptionTable os) {
        String remedy = "start the JVM with " + JdkSockets.requiredFlags();
        try (SocketChannel probe = SocketChannel.open()) {
            return table(Carrier.of(probe), os, remedy);
        } catch (IOException e) {
            return table(new Carrier(Set::of, null, null), os, remedy);
        }
    }

    /**
     * The table of what the JDK itself offers for the socket ({@code supportedOptions()}), with the OS's limits:
     * every time option in whole seconds, and no user timeout. The JDK decides on its own what it offers (on
     * Windows, {@code WindowsSocketOptions.c} offers the three {@code TCP_KEEP*} options only if all three
     * answer), so the OS's table cannot stand in for it. {@code SO_KEEPALIVE} stays in the table even where the
     * JDK does not offer it (on server sockets): using it then fails with the remedy.
     *
     * @param carrier the socket's options
     * @param os the OS's own table
     * @param remedy what the refusal of an option the JDK does not offer ends with
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
            specs.add(new OptionSpec(spec.setting(), option.name(), 0, 0,
                    spec.unit().isTime() ? Unit.SECONDS : spec.unit(), spec.min(),
                    seconds || !spec.unit().isTime() ? spec.max() : spec.max() / 1000, true));
        }
        Map<Setting, String> reasons = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            reasons.put(setting, "the JDK does not offer it for this socket; " + remedy);
        }
        reasons.put(Setting.USER_TIMEOUT, "it needs the socket's descriptor; " + remedy);
        return new OptionTable(os.os(), specs, reasons);
    }

    @Override
    public void setInt(long ignored, OptionSpec spec, int value) throws IOException {
        Setting setting = spec.setting();
        if (setting == Setting.ENABLED) {
            carrier.setter().set(supported(StandardSocketOptions.SO_KEEPALIVE), value != 0);
        } else {
            carrier.setter().set(supported(intOption(setting)), value);
        }
    }

    @Override
    public int getInt(long ignored, OptionSpec spec) throws IOException {
        Setting setting = spec.setting();
        if (setting == Setting.ENABLED) {
            return carrier.getter().get(supported(StandardSocketOptions.SO_KEEPALIVE)) ? 1 : 0;
        }
        return carrier.getter().get(supported(intOption(setting)));
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

    private static SocketOption<?> optionFor(Setting setting) {
        return switch (setting) {
            case ENABLED -> StandardSocketOptions.SO_KEEPALIVE;
            case IDLE -> ExtendedSocketOptions.TCP_KEEPIDLE;
            case INTERVAL -> ExtendedSocketOptions.TCP_KEEPINTERVAL;
            case PROBES -> ExtendedSocketOptions.TCP_KEEPCOUNT;
            case USER_TIMEOUT -> null;
        };
    }
}
