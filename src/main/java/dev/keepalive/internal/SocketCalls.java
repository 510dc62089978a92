package dev.keepalive.internal;

import dev.keepalive.SocketOptionException;

/**
 * The {@code setsockopt}/{@code getsockopt} calls on a 4-byte integer (a C {@code int}, a Windows
 * {@code DWORD}), with the OS's error captured by the call itself and turned into a
 * {@link SocketOptionException}. Implementations own their scratch memory and are not thread-safe.
 */
public interface SocketCalls {

    /**
     * Calls {@code setsockopt(handle, level, option, &value, 4)}.
     *
     * @param handle the socket
     * @param spec the option
     * @param value the value
     * @throws SocketOptionException if the OS refuses
     */
    void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException;

    /**
     * Calls {@code getsockopt(handle, level, option, &value, &length)} with a zeroed 4-byte value.
     *
     * @param handle the socket
     * @param spec the option
     * @return the value
     * @throws SocketOptionException if the OS refuses
     */
    int getInt(long handle, OptionSpec spec) throws SocketOptionException;
}
