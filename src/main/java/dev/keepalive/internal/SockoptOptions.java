package dev.keepalive.internal;

import dev.keepalive.SocketOptionException;

/** Options that map one-to-one onto {@code setsockopt}/{@code getsockopt} of a 4-byte integer. */
public final class SockoptOptions implements SocketOptions {

    private final long handle;
    private final OptionTable table;
    private final SocketCalls calls;

    /**
     * Binds the calls to one socket.
     *
     * @param handle the socket
     * @param table the OS's options
     * @param calls the native calls, owned by this instance from now on
     */
    public SockoptOptions(long handle, OptionTable table, SocketCalls calls) {
        this.handle = handle;
        this.table = table;
        this.calls = calls;
    }

    @Override
    public void set(Setting setting, int value) throws SocketOptionException {
        calls.setInt(handle, table.require(setting), value);
    }

    @Override
    public int get(Setting setting) throws SocketOptionException {
        OptionSpec spec = table.require(setting);
        int value = calls.getInt(handle, spec);
        // a flag is on for any non-zero value (Winsock documents SO_KEEPALIVE so)
        return spec.unit() == Unit.FLAG && value != 0 ? 1 : value;
    }
}
