package dev.keepalive;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/**
 * A plain JDK socket, made by {@link KeepAliveSocketFactory}, that keeps keep-alive on when its factory's
 * settings turn it on. Some clients switch {@code SO_KEEPALIVE} off after connecting: the PostgreSQL JDBC
 * driver calls {@code setKeepAlive(false)} unless its {@code tcpKeepAlive} property is {@code true}, which
 * would leave the idle time, interval and probe count set but unused. Such a call leaves the option on and
 * is logged once, as a warning; every other call behaves as on any {@link Socket}.
 */
final class KeepAliveSocket extends Socket {

    private final KeepAlive settings;

    /** An unconnected socket that keeps keep-alive on if the settings say {@code enabled}. */
    KeepAliveSocket(KeepAlive settings) {
        this.settings = settings;
    }

    /** Turns keep-alive on; a call to turn it off is ignored, and logged, when the settings keep it on. */
    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (on || !settings.enabled()) {
            super.setKeepAlive(on);
        } else {
            refused("setKeepAlive(false)");
        }
    }

    /** Sets an option; {@code SO_KEEPALIVE} set to false is ignored, and logged, as by {@link #setKeepAlive}. */
    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        if (name == StandardSocketOptions.SO_KEEPALIVE && Boolean.FALSE.equals(value) && settings.enabled()) {
            refused("setOption(SO_KEEPALIVE, false)");
            return this;
        }
        return super.setOption(name, value);
    }

    private void refused(String call) {
        LogOnce.log(Level.WARNING, "a client called " + call + " on a socket made by KeepAliveSocketFactory"
                + " with the settings '" + settings.toSettingsString() + "'; SO_KEEPALIVE stays on, or those"
                + " settings would do nothing. If the client is the PostgreSQL JDBC driver, add tcpKeepAlive=true"
                + " to its connection properties to say the same");
    }
}
