package dev.keepalive.agent.hook;

import java.lang.invoke.MethodHandle;
import java.util.function.ObjIntConsumer;

/**
 * The template of the one class that the code woven into {@code java.base} calls. It is never loaded under
 * this name: the agent renames a copy of its class file to {@code sun.nio.ch.KeepAliveAgentHook} and defines
 * it in that package of {@code java.base} (see {@code JdkHook}), where every JDK socket class can reach it. So
 * it refers to nothing outside {@code java.base}.
 *
 * <p>Every method returns normally: a callback that throws is silenced here, so the woven JDK method goes on as
 * if the agent were absent. Until {@link #install} is called, the methods do nothing.
 */
public final class ConnectionHook {

    /** The event of a connection the JVM made: the socket connected. */
    public static final int CONNECTED = 0;
    /** The event of a connection the JVM accepted. */
    public static final int ACCEPTED = 1;

    private static volatile ObjIntConsumer<Object> listener;
    /** {@code (Object socket, Object option, Object value)Object}: the value to set instead. */
    private static volatile MethodHandle guard;

    private ConnectionHook() {
    }

    /**
     * Gives the hook its callbacks, once.
     *
     * @param connections called with each socket that connected or was accepted, and the event
     * @param keeper {@code (Object socket, Object option, Object value)Object}, asked which value to set when
     *     something sets a keep-alive option on a socket
     * @throws IllegalStateException if callbacks were installed before
     */
    public static synchronized void install(ObjIntConsumer<Object> connections, MethodHandle keeper) {
        if (listener != null) {
            throw new IllegalStateException("the connection hook is already installed");
        }
        guard = keeper;
        listener = connections;
    }

    /**
     * A socket connected: a {@code Socket}, {@code SocketChannel} or {@code AsynchronousSocketChannel}.
     *
     * @param socket the socket
     */
    public static void connected(Object socket) {
        notify(socket, CONNECTED);
    }

    /**
     * A socket was accepted.
     *
     * @param socket the accepted socket or channel
     */
    public static void accepted(Object socket) {
        notify(socket, ACCEPTED);
    }

    /**
     * Something is setting a keep-alive option on a socket: {@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE},
     * {@code TCP_KEEPINTERVAL} or {@code TCP_KEEPCOUNT}.
     *
     * @param socket the socket or channel
     * @param option the option
     * @param value the value being set
     * @return the value to set: {@code value}, or the one the agent's policy keeps
     */
    public static Object kept(Object socket, Object option, Object value) {
        MethodHandle keeper = guard;
        if (keeper == null || socket == null) {
            return value;
        }
        try {
            return (Object) keeper.invokeExact(socket, option, value);
        } catch (Throwable silenced) {
            return value;
        }
    }

    private static void notify(Object socket, int event) {
        ObjIntConsumer<Object> target = listener;
        if (target == null || socket == null) {
            return;
        }
        try {
            target.accept(socket, event);
        } catch (Throwable silenced) {
            // the agent counts and logs its own failures; nothing may reach the application's call
        }
    }
}
