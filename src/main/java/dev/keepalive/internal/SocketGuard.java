package dev.keepalive.internal;

import java.io.IOException;

/**
 * What a session needs of its socket for each call: the lock to hold, and, under it, one open check that gives
 * the handle, valid while the lock is held. For JDK sockets the lock is the one the JDK takes to close the
 * socket, so a concurrent close waits for the call and a handle number is never used after it was released.
 * The table of locks per socket kind is in {@code docs/architecture.md}.
 *
 * <p>Both steps are made again on every call, because what lies under a {@link java.net.Socket} can change
 * while a view of it lives: the JDK replaces a socket's implementation when it connects through an HTTP proxy
 * or when a server socket accepts into it, and closes the old one. {@link #lock()} returns the lock of the
 * connection the socket has now; if, once it is held, the socket has moved on to another one,
 * {@link #handle(Object)} answers {@link #MOVED} and the session asks for the lock again.
 */
public interface SocketGuard {

    /** What {@link #handle(Object)} answers when the lock held is no longer the socket's: ask again. */
    long MOVED = Long.MIN_VALUE;

    /**
     * The lock to hold around the next call: an object whose monitor the session enters, or a
     * {@link java.util.concurrent.locks.Lock} it locks (the read side of an asynchronous channel's close lock).
     *
     * @return the lock of the socket's connection now
     */
    Object lock();

    /**
     * Checks, under the lock {@link #lock()} gave, that the socket is open and still uses that lock, and gives its
     * native handle: a POSIX file descriptor or a Windows {@code SOCKET}.
     *
     * @param lock the lock held
     * @return the handle, or {@link #MOVED} if the socket's connection is no longer the one the lock guards
     * @throws IOException if the socket is closed: {@link java.nio.channels.ClosedChannelException} for channels,
     *     a {@link java.net.SocketException} for {@link java.net.Socket} and {@link java.net.ServerSocket}, as
     *     the JDK's own calls on them throw
     */
    long handle(Object lock) throws IOException;

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

    /**
     * A guard that has no view of the socket's closing.
     *
     * @param handle the handle
     * @param lock the lock
     */
    record Unwatched(long handle, Object lock) implements SocketGuard {
        @Override
        public long handle(Object held) {
            // a raw handle's owner closes it (the OS then reports EBADF or WSAENOTSOCK); the JDK checks its own
            return handle;
        }
    }
}
