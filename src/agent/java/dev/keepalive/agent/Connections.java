package dev.keepalive.agent;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.agent.hook.ConnectionHook;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.ObjIntConsumer;

/**
 * What the agent does with each connection the instrumented JDK methods report: finds its peer, asks the
 * policy, applies the settings through {@link SocketKeepAlive}, and counts. A failure is counted and logged
 * once per kind; nothing is thrown back into the JDK method.
 *
 * <p>Through {@link #kept}, it keeps the policy in force on the sockets it gave the settings: where the
 * application or a library sets {@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} or
 * {@code TCP_KEEPCOUNT} to another value than the policy's, the policy's is set instead. JDBC drivers do this
 * right after connecting: the PostgreSQL driver sets {@code SO_KEEPALIVE} to its {@code tcpKeepAlive}
 * property, {@code false} by default.
 */
final class Connections implements ObjIntConsumer<Object> {

    private final Policy policy;
    private final KeepAlive settings;
    private final Counters counters;
    private final AgentLog log;
    /** The sockets given the settings, held weakly. */
    private final Set<Object> covered = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * Makes the handler.
     *
     * @param policy the policy
     * @param counters the counters to update
     * @param log where failures go
     */
    Connections(Policy policy, Counters counters, AgentLog log) {
        this.policy = policy;
        this.settings = policy.settings();
        this.counters = counters;
        this.log = log;
    }

    /**
     * Handles a socket that connected or was accepted.
     *
     * @param socket a {@code Socket}, {@code SocketChannel} or {@code AsynchronousSocketChannel}
     * @param event {@link ConnectionHook#CONNECTED} or {@link ConnectionHook#ACCEPTED}
     */
    @Override
    public void accept(Object socket, int event) {
        Optional<Peer> peer = Peers.of(socket, event == ConnectionHook.ACCEPTED);
        if (peer.isEmpty()) {
            return; // not TCP over IP (a Unix domain channel), or closed already
        }
        counters.seen.increment();
        if (!policy.covers(peer.get())) {
            counters.skipped.increment();
            return;
        }
        try {
            view(socket).apply(settings);
            covered.add(socket);
            counters.applied.increment();
        } catch (IOException | RuntimeException | LinkageError e) {
            counters.failed.increment();
            // a socket with an implementation of the application's own may refuse the options it does not know
            boolean refused = e instanceof UnsupportedOperationException;
            log.once(kind(socket, e), Level.WARNING, () -> "could not apply " + settings.toSettingsString()
                    + " to the " + socket.getClass().getName() + " connected " + peer.get() + ": "
                    + (refused ? "the socket does not offer them (" + e.getMessage() + ")" : e.toString())
                    + ". The connection goes on without them; failures of this kind are counted in "
                    + AgentStatus.OBJECT_NAME + " and not logged again", refused ? null : e);
        }
    }

    /**
     * The value to set when something sets a keep-alive option of a socket: the policy's, for a socket this
     * agent gave the settings and an option the policy sets ({@code SO_KEEPALIVE} only when the policy turns
     * keep-alive on); else the value given.
     *
     * @param socket the socket or channel
     * @param option the option being set, a {@link SocketOption}
     * @param value the value being set
     * @return the value to set
     */
    Object kept(Object socket, Object option, Object value) {
        Object policy = option instanceof SocketOption<?> named ? policyValue(named.name()) : null;
        if (policy == null || policy.equals(value) || !covered.contains(socket)) {
            return value;
        }
        counters.kept.increment();
        String caller = caller();
        String name = ((SocketOption<?>) option).name();
        log.once("kept " + name + " " + caller, Level.INFO, () -> caller + " set " + name + " to " + value + " on a "
                + socket.getClass().getName() + " that the agent's policy covers; the agent set " + policy
                + ". Further cases from this caller are counted in " + AgentStatus.OBJECT_NAME + ", not logged",
                null);
        return policy;
    }

    /** The policy's value of an option, as the JDK's socket options take it, or {@code null} if it sets none. */
    private Object policyValue(String option) {
        return switch (option) {
            case "SO_KEEPALIVE" -> settings.enabled() ? Boolean.TRUE : null;
            case "TCP_KEEPIDLE" -> settings.idle().map(Connections::seconds).orElse(null);
            case "TCP_KEEPINTERVAL" -> settings.interval().map(Connections::seconds).orElse(null);
            case "TCP_KEEPCOUNT" -> settings.probes().isPresent() ? settings.probes().getAsInt() : null;
            default -> null;
        };
    }

    /** Whole seconds, rounded up as the library rounds them for the OS. */
    private static Integer seconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    /**
     * The handle the hook calls: {@link #kept} bound to this object.
     *
     * @return a handle of type {@code (Object, Object, Object)Object}
     */
    MethodHandle keeper() {
        try {
            return MethodHandles.lookup().findVirtual(Connections.class, "kept",
                    MethodType.methodType(Object.class, Object.class, Object.class, Object.class)).bindTo(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SocketKeepAlive view(Object socket) {
        return switch (socket) {
            case Socket plain -> SocketKeepAlive.of(plain);
            case SocketChannel channel -> SocketKeepAlive.of(channel);
            case AsynchronousSocketChannel channel -> SocketKeepAlive.of(channel);
            default -> throw new IllegalStateException("not a socket: " + socket.getClass().getName());
        };
    }

    /** A failure's kind: the socket's class, the exception's class and, for an OS refusal, the option and error. */
    private static String kind(Object socket, Throwable e) {
        String kind = socket.getClass().getName() + " " + e.getClass().getName();
        return e instanceof SocketOptionException refused
                ? kind + " " + refused.option() + " " + refused.errorName() : kind;
    }

    /** The first class on the stack outside the JDK and this agent: who turned keep-alive off. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(name -> !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("sun.")
                        && !name.startsWith("jdk.") && !name.startsWith("dev.keepalive.agent."))
                .findFirst()).orElse("the JDK");
    }
}
