package dev.keepalive;

import dev.keepalive.internal.OwnConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.OptionalLong;
import jdk.net.ExtendedSocketOptions;

/**
 * A plain JDK socket, made by {@link KeepAliveSocketFactory}, that keeps its factory's keep-alive settings in
 * force. Clients change keep-alive after the factory made the socket: the PostgreSQL JDBC driver calls
 * {@code setKeepAlive(false)} unless its {@code tcpKeepAlive} property is {@code true}, which would leave the
 * idle time, interval and probe count set but unused; Apache HttpClient 5 sets {@code TCP_KEEPIDLE},
 * {@code TCP_KEEPINTERVAL} and {@code TCP_KEEPCOUNT} to its own defaults (5 s, 5 s, 3). When the settings turn
 * keep-alive on, turning it off is ignored; when they hold an idle time, interval or probe count, setting that
 * option to another value is ignored. Each such call is logged once, as a warning; every other call, and a
 * call that sets the value the socket already has, behaves as on any {@link Socket}.
 */
final class KeepAliveSocket extends Socket implements OwnConnection {

    private final KeepAlive settings;

    /** An unconnected socket that keeps these settings in force. */
    KeepAliveSocket(KeepAlive settings) {
        this.settings = settings;
    }

    /** Turns keep-alive on; a call to turn it off is ignored, and logged, when the settings keep it on. */
    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (on || !settings.enabled()) {
            super.setKeepAlive(on);
        } else {
            refusedOff("setKeepAlive(false)");
        }
    }

    /**
     * Sets an option; {@code SO_KEEPALIVE} set to false, and {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} or
     * {@code TCP_KEEPCOUNT} set to another value than the settings hold, are ignored and logged.
     */
    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        if (name == StandardSocketOptions.SO_KEEPALIVE && Boolean.FALSE.equals(value) && settings.enabled()) {
            refusedOff("setOption(SO_KEEPALIVE, false)");
            return this;
        }
        OptionalLong held = held(name);
        if (held.isPresent() && value instanceof Integer number && number != held.getAsLong()) {
            LogOnce.log(Level.WARNING, "a client called setOption(" + name.name() + ", " + value + ") on a socket"
                    + " made by KeepAliveSocketFactory with the settings '" + settings.toSettingsString() + "'; the"
                    + " socket keeps " + held.getAsLong() + ". Configure the client to leave " + name.name()
                    + " alone, or change the factory's settings");
            return this;
        }
        return super.setOption(name, value);
    }

    /** The value the settings hold for a JDK keep-alive option, in the JDK's unit (seconds, count). */
    private OptionalLong held(SocketOption<?> name) {
        if (name == ExtendedSocketOptions.TCP_KEEPIDLE) {
            return settings.idle().map(KeepAliveSocket::secondsUp).orElse(OptionalLong.empty());
        }
        if (name == ExtendedSocketOptions.TCP_KEEPINTERVAL) {
            return settings.interval().map(KeepAliveSocket::secondsUp).orElse(OptionalLong.empty());
        }
        if (name == ExtendedSocketOptions.TCP_KEEPCOUNT && settings.probes().isPresent()) {
            return OptionalLong.of(settings.probes().getAsInt());
        }
        return OptionalLong.empty();
    }

    /** Whole seconds, rounded up as the library rounds them for these options. */
    private static OptionalLong secondsUp(Duration duration) {
        return OptionalLong.of(duration.toSeconds() + (duration.toNanosPart() == 0 ? 0 : 1));
    }

    private void refusedOff(String call) {
        LogOnce.log(Level.WARNING, "a client called " + call + " on a socket made by KeepAliveSocketFactory"
                + " with the settings '" + settings.toSettingsString() + "'; SO_KEEPALIVE stays on, or those"
                + " settings would do nothing. If the client is the PostgreSQL JDBC driver, add tcpKeepAlive=true"
                + " to its connection properties to say the same");
    }
}
