package dev.keepalive.agent;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.agent.hook.ConnectionHook;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * What the agent does with each connection the instrumented JDK methods report: finds its peer, asks the
 * policy, applies the settings through {@link SocketKeepAlive}, and counts. A failure is counted and logged
 * once per kind; nothing is thrown back into the JDK method.
 *
 * <p>As the {@link Predicate} of {@link ConnectionHook#keepOn}, it answers whether {@code SO_KEEPALIVE} must
 * stay on for a socket that something is turning it off on: yes for the sockets it gave the settings, while
 * the policy turns keep-alive on. JDBC drivers do this right after connecting (the PostgreSQL driver sets
 * {@code SO_KEEPALIVE} to its {@code tcpKeepAlive} property, {@code false} by default).
 */
final class Connections implements ObjIntConsumer<Object>, Predicate<Object> {

    private final Policy policy;
    private final KeepAlive settings;
    private final Counters counters;
    private final AgentLog log;
    private final String access;
    /** The sockets given the settings, held weakly, while the policy turns keep-alive on; else unused. */
    private final Set<Object> covered = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * Makes the handler.
     *
     * @param policy the policy
     * @param counters the counters to update
     * @param log where failures go
     * @param access how the library reached a JDK socket of this JVM ({@link SocketKeepAlive#access()})
     */
    Connections(Policy policy, Counters counters, AgentLog log, String access) {
        this.access = access;
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
        SocketKeepAlive view = null;
        try {
            view = view(socket);
            view.apply(settings);
            if (settings.enabled()) {
                covered.add(socket);
            }
            counters.applied.increment();
        } catch (IOException | RuntimeException | LinkageError e) {
            counters.failed.increment();
            // reached otherwise than a JDK socket of this JVM is: an implementation of the application's own
            boolean foreign = view != null && !view.access().equals(access)
                    && e instanceof UnsupportedOperationException;
            log.once(kind(socket, e), Level.WARNING, () -> "could not apply " + settings.toSettingsString()
                    + " to the " + socket.getClass().getName() + " connected " + peer.get() + ": "
                    + (foreign ? "its socket implementation is not the JDK's own, and its socket options do not"
                            + " offer them" : e.toString())
                    + ". The connection goes on without them; failures of this kind are counted in "
                    + AgentStatus.OBJECT_NAME + " and not logged again", foreign ? null : e);
        }
    }

    /**
     * Whether {@code SO_KEEPALIVE} must stay on for a socket that something is turning it off on.
     *
     * @param socket the socket or channel
     * @return {@code true} for a socket this agent gave the settings, while they turn keep-alive on
     */
    @Override
    public boolean test(Object socket) {
        if (!covered.contains(socket)) {
            return false;
        }
        counters.keptOn.increment();
        String caller = caller();
        log.once("kept on " + caller, Level.INFO, () -> caller + " turned SO_KEEPALIVE off on a "
                + socket.getClass().getName() + " that the agent's policy covers; the agent kept it on. Further"
                + " cases from this caller are counted in " + AgentStatus.OBJECT_NAME + ", not logged", null);
        return true;
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
