package dev.keepalive.agent.hook;

import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

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
    private static volatile Predicate<Object> keepOnGuard;

    private ConnectionHook() {
    }

    /**
     * Gives the hook its callbacks, once.
     *
     * @param connections called with each socket that connected or was accepted, and the event
     * @param guard asked whether keep-alive must stay on when something turns it off on a socket
     * @throws IllegalStateException if callbacks were installed before
     */
    public static synchronized void install(ObjIntConsumer<Object> connections, Predicate<Object> guard) {
        if (listener != null) {
            throw new IllegalStateException("the connection hook is already installed");
        }
        keepOnGuard = guard;
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
     * Something is turning {@code SO_KEEPALIVE} off on a socket.
     *
     * @param socket the socket or channel
     * @return {@code true} if it must stay on instead
     */
    public static boolean keepOn(Object socket) {
        Predicate<Object> guard = keepOnGuard;
        if (guard == null || socket == null) {
            return false;
        }
        try {
            return guard.test(socket);
        } catch (Throwable silenced) {
            return false;
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
