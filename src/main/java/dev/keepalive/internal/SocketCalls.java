package dev.keepalive.internal;

import java.io.IOException;

/**
 * {@code setsockopt}/{@code getsockopt} on a 4-byte integer (a C {@code int}, a Windows {@code DWORD}): the
 * native calls a {@link SockoptBackend} makes. Implementations keep no state per socket, so one instance
 * serves every socket and thread; the native ones use scratch memory of their own per thread.
 */
public interface SocketCalls {

    /**
     * Calls {@code setsockopt(handle, level, option, &value, 4)}.
     *
     * @param handle the socket
     * @param spec the option
     * @param value the value
     * @throws dev.keepalive.SocketOptionException if the OS refuses, with its error code and name
     * @throws IOException if the socket is reached some other way and that fails
     */
    void setInt(long handle, OptionSpec spec, int value) throws IOException;

    /**
     * Calls {@code getsockopt(handle, level, option, &value, &length)} with a zeroed 4-byte value.
     *
     * @param handle the socket
     * @param spec the option
     * @return the value
     * @throws dev.keepalive.SocketOptionException if the OS refuses, with its error code and name
     * @throws IOException if the socket is reached some other way and that fails
     */
    int getInt(long handle, OptionSpec spec) throws IOException;
}
