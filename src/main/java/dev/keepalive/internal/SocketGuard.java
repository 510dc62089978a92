package dev.keepalive.internal;

import java.io.IOException;

/**
 * Keeps a borrowed socket's handle valid during a native call: the caller holds {@link #lock()} and calls
 * {@link #ensureOpen()} first. For JDK sockets the lock is the one the JDK itself takes to close the socket,
 * so a concurrent close waits for the call and a handle number is never used after it was released.
 */
public interface SocketGuard {

    /**
     * The native handle: a POSIX file descriptor or a Windows {@code SOCKET}.
     *
     * @return the handle
     */
    long handle();

    /**
     * The lock that a close of the socket also takes.
     *
     * @return the lock object
     */
    Object lock();

    /**
     * Fails if the socket was closed.
     *
     * @throws IOException {@link java.nio.channels.ClosedChannelException} for channels, a
     *     {@link java.net.SocketException} for {@link java.net.Socket} and {@link java.net.ServerSocket}
     */
    void ensureOpen() throws IOException;

    /**
     * A guard for a raw handle that this library cannot see being closed.
     *
     * @param handle the handle
     * @return a guard with its own lock that never reports the socket closed
     */
    static SocketGuard ofHandle(long handle) {
        Object lock = new Object();
        return new SocketGuard() {
            @Override
            public long handle() {
                return handle;
            }

            @Override
            public Object lock() {
                return lock;
            }

            @Override
            public void ensureOpen() {
                // a raw handle's owner closes it; the OS reports EBADF or WSAENOTSOCK afterwards
            }
        };
    }
}
