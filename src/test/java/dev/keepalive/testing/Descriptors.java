package dev.keepalive.testing;

import dev.keepalive.internal.posix.gen.posix_h;
import java.io.FileDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import java.nio.channels.Channel;

/**
 * Test-side access to descriptors, independent of the library's own code: JDK channels' descriptors by
 * reflection (the tests run with {@code java.base} opened), and raw {@code getsockopt}/{@code socket}/
 * {@code close} through the generated bindings' plain downcalls.
 */
public final class Descriptors {

    private Descriptors() {
    }

    /** The descriptor of any JDK channel (socket, datagram, file, pipe). */
    public static int of(Channel channel) {
        try {
            for (Class<?> type = channel.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("fdVal") && field.getType() == int.class) {
                        field.setAccessible(true);
                        return field.getInt(channel);
                    }
                    if (field.getName().equals("fd") && field.getType() == FileDescriptor.class) {
                        field.setAccessible(true);
                        Method fdVal = Class.forName("sun.nio.ch.IOUtil")
                                .getDeclaredMethod("fdVal", FileDescriptor.class);
                        fdVal.setAccessible(true);
                        return (int) fdVal.invoke(null, field.get(channel));
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("no descriptor in " + channel.getClass());
    }

    /** The descriptor of a {@code Socket} with the JDK's own implementation, found through its {@code impl}. */
    public static int of(Socket socket) {
        return ofImpl(declared(Socket.class, "impl", socket));
    }

    /** The descriptor of a {@code ServerSocket} with the JDK's own implementation. */
    public static int of(ServerSocket socket) {
        return ofImpl(declared(ServerSocket.class, "impl", socket));
    }

    /** The descriptor in a {@code SocketImpl}'s {@code fd}, past the SOCKS wrapper a {@code Socket} puts around it. */
    private static int ofImpl(Object impl) {
        try {
            Class<?> delegating = Class.forName("java.net.DelegatingSocketImpl");
            Object inner = delegating.isInstance(impl) ? declared(delegating, "delegate", impl) : impl;
            Method fdVal = Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("fdVal", FileDescriptor.class);
            fdVal.setAccessible(true);
            return (int) fdVal.invoke(null, declared(SocketImpl.class, "fd", inner));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object declared(Class<?> type, String name, Object owner) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an int option with a plain {@code getsockopt}, or fails with the return code. */
    public static int getsockopt(int fd, int level, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 4);
            int result = posix_h.getsockopt(fd, level, option, value, length);
            if (result != 0) {
                throw new IllegalStateException("getsockopt failed: " + result);
            }
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** Sets an int option with a plain {@code setsockopt}; returns 0 or -1 as the C function does. */
    public static int setsockopt(int fd, int level, int option, int newValue) {
        try (Arena arena = Arena.ofConfined()) {
            return posix_h.setsockopt(fd, level, option, arena.allocateFrom(ValueLayout.JAVA_INT, newValue), 4);
        }
    }

    /** A new, unconnected socket of the given family and type. */
    public static int socket(int family, int type) {
        int fd = posix_h.socket(family, type, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket failed");
        }
        return fd;
    }

    /** Closes a descriptor. */
    public static void close(int fd) {
        posix_h.close(fd);
    }
}
