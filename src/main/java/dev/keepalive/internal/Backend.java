package dev.keepalive.internal;

import dev.keepalive.SystemDefaults;
import java.util.List;

/** One OS's way of reaching the keep-alive options. Chosen once per JVM by {@link Platform}. */
public interface Backend {

    /**
     * The OS's options and limits.
     *
     * @return the table
     */
    OptionTable table();

    /**
     * Checks that a number can be a socket handle on this OS, before any native call.
     *
     * @param handle the handle
     * @throws IllegalArgumentException if it cannot be one (a negative descriptor, {@code INVALID_SOCKET})
     */
    void checkHandle(long handle);

    /**
     * The native options of one socket, with scratch memory of their own.
     *
     * @param handle the socket's handle
     * @param owner the object whose lifetime bounds what the backend remembers about the socket
     * @return the options
     */
    SocketOptions open(long handle, Object owner);

    /**
     * What the backend found about this OS, for the capability report: the mechanism per setting and
     * anything a user should know.
     *
     * @return lines of text
     */
    List<String> notes();

    /**
     * Reads the OS's system-wide keep-alive defaults, fresh on each call.
     *
     * @return the defaults; those that cannot be read are unknown, with the reason
     */
    SystemDefaults systemDefaults();
}
