package dev.keepalive.internal;

import dev.keepalive.ValueSource;
import java.io.IOException;

/**
 * One socket's keep-alive options, read and written in the OS's units. An instance may own scratch memory
 * for its native calls, so callers serialise their use of it (the session's lock does).
 */
public interface SocketOptions {

    /** Returned by {@link #get(Setting)} where the OS cannot report a value and none is known. */
    int UNKNOWN = -1;

    /**
     * Sets one option.
     *
     * @param setting the setting
     * @param value the value in the option's unit, already checked against the OS's range
     * @throws IOException if the OS refuses
     */
    void set(Setting setting, int value) throws IOException;

    /**
     * Reads one option.
     *
     * @param setting the setting
     * @return the value in the option's unit, or {@link #UNKNOWN}
     * @throws IOException if the OS refuses
     */
    int get(Setting setting) throws IOException;

    /**
     * Where {@link #get(Setting)} takes a setting's value from.
     *
     * @param setting the setting
     * @return {@link ValueSource#SOCKET} where the OS reports it (the default), {@link ValueSource#REMEMBERED}
     *     where this library set it and remembers it, {@link ValueSource#SYSTEM_DEFAULT} where neither holds
     *     and the value {@code get} returns is only a stand-in for the system default
     */
    default ValueSource sourceOf(Setting setting) {
        return ValueSource.SOCKET;
    }
}
