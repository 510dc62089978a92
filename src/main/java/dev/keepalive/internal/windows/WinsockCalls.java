package dev.keepalive.internal.windows;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;

/**
 * The Winsock calls the Windows backend makes. The real ones are {@link NativeWinsock}; tests replace them
 * with a scripted double, since Windows cannot run here.
 */
interface WinsockCalls extends SocketCalls {

    @Override
    void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException;

    @Override
    int getInt(long handle, OptionSpec spec) throws SocketOptionException;

    /**
     * Calls {@code WSAIoctl(handle, SIO_KEEPALIVE_VALS, &tcp_keepalive, 12, NULL, 0, &bytes, NULL, NULL)}.
     *
     * @param handle the socket
     * @param on the {@code onoff} field
     * @param idleMillis the {@code keepalivetime} field, in milliseconds (a {@code ULONG}: 32 bits, unsigned)
     * @param intervalMillis the {@code keepaliveinterval} field, in milliseconds
     * @throws SocketOptionException if Winsock refuses
     */
    void keepAliveValues(long handle, boolean on, int idleMillis, int intervalMillis) throws SocketOptionException;

    /**
     * Opens a throwaway TCP socket to probe which options this Windows supports.
     *
     * @return the socket
     * @throws SocketOptionException if no socket can be made
     */
    long openProbeSocket() throws SocketOptionException;

    /**
     * Closes a socket made by {@link #openProbeSocket()}.
     *
     * @param handle the socket
     */
    void closeProbeSocket(long handle);
}
