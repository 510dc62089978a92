package dev.keepalive.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
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
 * The fallback where the JVM did not open {@code java.base} to this library: the JDK's own
 * {@code SO_KEEPALIVE} and {@code jdk.net.ExtendedSocketOptions}, in seconds, as the "native calls" of a
 * {@link SockoptBackend}, so that apply, rollback and the report work as on the native path. It reaches only
 * what the JDK offers for the socket; everything else fails with an exception naming the JVM options to add.
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
            return new Carrier(socket::supportedOptions, socket::setOption, socket::getOption);
        }

        /**
         * The options of a server socket.
         *
         * @param socket the server socket
         * @return the carrier
         */
        public static Carrier of(ServerSocket socket) {
            return new Carrier(socket::supportedOptions, socket::setOption, socket::getOption);
        }
    }

    private final Carrier carrier;

    private JdkOptions(Carrier carrier) {
        this.carrier = carrier;
    }

    /**
     * The backend for one socket reached through the JDK's options.
     *
     * @param carrier the socket's options
     * @param os the running OS's backend, for its limits and system defaults
     * @return the backend; the handles passed to it are ignored
     */
    public static Backend backend(Carrier carrier, Backend os) {
        return new SockoptBackend(table(carrier, os.table()), new JdkOptions(carrier), os::systemDefaults, List.of(),
                true);
    }

    /**
     * The table of what the JDK offers on a {@code SocketChannel} of this JVM, for the capability report.
     *
     * @param os the OS's own table
     * @return the table
     */
    public static OptionTable offeredBySocketChannels(OptionTable os) {
        try (SocketChannel probe = SocketChannel.open()) {
            return table(Carrier.of(probe), os);
        } catch (IOException e) {
            return table(new Carrier(Set::of, null, null), os);
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
     * @return the table
     */
    static OptionTable table(Carrier carrier, OptionTable os) {
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
        String start = "start the JVM with " + JdkSockets.requiredFlags();
        Map<Setting, String> reasons = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            reasons.put(setting, "the JDK does not offer it for this socket; " + start
                    + " so that this library can set it on the socket's descriptor");
        }
        reasons.put(Setting.USER_TIMEOUT, "it needs the socket's descriptor; " + start);
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
            throw new UnsupportedOperationException(option.name() + " is not offered by the JDK for this socket;"
                    + " start the JVM with " + JdkSockets.requiredFlags()
                    + " so that this library can set it on the socket's descriptor");
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
