package dev.keepalive.testing;

import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.NetworkChannel;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lock each JDK socket's close takes before it releases the descriptor, found in the JDK's own objects by
 * reflection (the tests run with {@code java.base} opened), never through the library. A test can hold it to
 * see who else waits for it.
 *
 * <ul>
 * <li>{@code SocketChannel}, {@code ServerSocketChannel}: the channel's {@code stateLock} monitor.
 * <li>{@code Socket}, {@code ServerSocket}: the {@code stateLock} monitor of the platform implementation
 *     ({@code sun.nio.ch.NioSocketImpl}), reached through the socket's {@code impl} (and, for a {@code Socket},
 *     the SOCKS wrapper's {@code delegate}).
 * <li>{@code AsynchronousSocketChannel}, {@code AsynchronousServerSocketChannel}: the write side of the
 *     channel's {@code closeLock}, a {@link ReentrantReadWriteLock}.
 * </ul>
 */
public final class JdkCloseLocks {

    private JdkCloseLocks() {
    }

    /** The monitor a {@code SocketChannel}'s or {@code ServerSocketChannel}'s close synchronises on. */
    public static Object monitorOf(NetworkChannel channel) {
        return field(channel, "stateLock");
    }

    /** The monitor a {@code Socket}'s close synchronises on: its platform implementation's. */
    public static Object monitorOf(Socket socket) {
        Object impl = field(socket, "impl");
        if (impl.getClass().getName().equals("java.net.SocksSocketImpl")
                || impl.getClass().getSuperclass().getName().equals("java.net.DelegatingSocketImpl")) {
            impl = field(impl, "delegate");
        }
        return field(impl, "stateLock");
    }

    /** The monitor a {@code ServerSocket}'s close synchronises on: its platform implementation's. */
    public static Object monitorOf(ServerSocket socket) {
        return field(field(socket, "impl"), "stateLock");
    }

    /** The read-write lock whose write side an asynchronous socket channel's close takes. */
    public static ReentrantReadWriteLock readWriteLockOf(AsynchronousSocketChannel channel) {
        return (ReentrantReadWriteLock) field(channel, "closeLock");
    }

    /** The read-write lock whose write side an asynchronous server socket channel's close takes. */
    public static ReentrantReadWriteLock readWriteLockOf(AsynchronousServerSocketChannel channel) {
        return (ReentrantReadWriteLock) field(channel, "closeLock");
    }

    /** A field's value, looked up on the object's class and its superclasses. */
    private static Object field(Object owner, String name) {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + owner.getClass(), e);
            }
        }
        throw new IllegalStateException("no field " + name + " in " + owner.getClass() + " or its superclasses");
    }
}
