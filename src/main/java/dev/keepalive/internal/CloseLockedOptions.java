package dev.keepalive.internal;

import java.io.IOException;
import java.util.concurrent.locks.Lock;

/**
 * A socket's options used under the read side of its close lock, for sockets whose close takes the write
 * side of a read-write lock (the JDK's asynchronous channels) rather than a monitor. Each call takes the lock,
 * checks the socket is open, and calls the OS, so the handle cannot be closed during the call.
 */
final class CloseLockedOptions implements SocketOptions {

    private final SocketOptions options;
    private final Lock closeLock;
    private final SocketGuard guard;

    /**
     * Wraps a socket's options.
     *
     * @param options the native options
     * @param closeLock the read side of the socket's close lock
     * @param guard the socket's closed state
     */
    CloseLockedOptions(SocketOptions options, Lock closeLock, SocketGuard guard) {
        this.options = options;
        this.closeLock = closeLock;
        this.guard = guard;
    }

    @Override
    public void set(Setting setting, int value) throws IOException {
        closeLock.lock();
        try {
            guard.ensureOpen();
            options.set(setting, value);
        } finally {
            closeLock.unlock();
        }
    }

    @Override
    public int get(Setting setting) throws IOException {
        closeLock.lock();
        try {
            guard.ensureOpen();
            return options.get(setting);
        } finally {
            closeLock.unlock();
        }
    }
}
