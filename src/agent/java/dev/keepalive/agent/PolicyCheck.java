package dev.keepalive.agent;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.net.Socket;

/**
 * Tries the settings once at start on a throwaway, unconnected TCP socket, so that settings this OS cannot
 * take (a value out of its range, an option it lacks) stop the JVM at start rather than fail on every
 * connection later.
 */
final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * Applies the settings to a new socket and closes it.
     *
     * @param settings the settings
     * @return how the library reached the socket: {@code native handle} or {@code JDK socket options}
     * @throws IllegalArgumentException if the OS cannot take the settings, naming the setting and its limit
     * @throws IOException if no socket can be made, or the OS refuses an option
     */
    static String tryOn(KeepAlive settings) throws IOException {
        try (Socket probe = new Socket()) {
            SocketKeepAlive view = SocketKeepAlive.of(probe);
            try {
                view.apply(settings);
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return view.access();
        }
    }
}
