package dev.keepalive.internal;

import java.io.IOException;

/**
 * What a session needs of its socket for each call: the lock to hold, an open check to make under it, and the
 * handle, valid while the lock is held and the check passed. For JDK sockets the lock is the one the JDK takes
 * to close the socket, so a concurrent close waits for the call and a handle number is never used after it was
 * released. The table of locks per socket kind is in {@code docs/architecture.md}.
 */
public interface SocketGuard {

    /**
     * The lock held around each call: an object whose monitor the session enters, or a
     * {@link java.util.concurrent.locks.Lock} it locks (the read side of an asynchronous channel's close lock).
     *
     * @return the lock
     */
    Object lock();

    /**
     * Fails if the socket was closed; called under {@link #lock()}.
     *
     * @throws IOException {@link java.nio.channels.ClosedChannelException} for channels, a
     *     {@link java.net.SocketException} for {@link java.net.Socket} and {@link java.net.ServerSocket}
     */
    void ensureOpen() throws IOException;

    /**
     * The native handle: a POSIX file descriptor or a Windows {@code SOCKET}; called under {@link #lock()},
     * after {@link #ensureOpen()}.
     *
     * @return the handle
     */
    long handle();

    /**
     * The guard of a raw handle, which this library cannot see being closed. Its lock is shared by every view
     * of the same handle number, so their applies do not interleave.
     *
     * @param handle the handle
     * @return a guard that never reports the socket closed
     */
    static SocketGuard ofHandle(long handle) {
        return new Unwatched(handle, LockStripes.of(Long.hashCode(handle)));
    }

    /**
     * The guard of a socket reached only through the JDK's options, which check for a close themselves on
     * every call. Its lock is shared by every view of the same socket object, so their applies do not
     * interleave.
     *
     * @param socket the socket or channel
     * @return a guard with no handle that never reports the socket closed
     */
    static SocketGuard ofJdkOptions(Object socket) {
        return new Unwatched(-1, LockStripes.of(System.identityHashCode(socket)));
    }

    /** A guard that has no view of the socket's closing. */
    record Unwatched(long handle, Object lock) implements SocketGuard {
        @Override
        public void ensureOpen() {
            // a raw handle's owner closes it (the OS then reports EBADF or WSAENOTSOCK); the JDK checks its own
        }
    }
}
