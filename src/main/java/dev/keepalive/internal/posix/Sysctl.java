package dev.keepalive.internal.posix;

import java.io.IOException;

/** Reads macOS kernel settings by name. The real one is {@link NativeSysctl}; tests use a scripted double. */
interface Sysctl {

    /**
     * Reads a setting that is a C {@code int}.
     *
     * @param name the setting's name, such as {@code net.inet.tcp.keepcnt}
     * @return the value
     * @throws IOException if the OS refuses, with the reason in the message
     */
    int readInt(String name) throws IOException;
}
