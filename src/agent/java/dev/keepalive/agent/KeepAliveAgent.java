package dev.keepalive.agent;

import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import javax.management.JMException;

/**
 * The Java agent: gives every TCP connection the JVM makes or accepts the keep-alive settings of its argument,
 * with no change to the application.
 *
 * {@snippet lang=shell :
 * java -javaagent:socket-keepalive-agent.jar=idle=30s,interval=5s,probes=3 -jar app.jar
 * }
 *
 * <p>At start it reads the argument ({@link AgentArguments}), opens what the library needs in
 * {@code java.base} ({@link JavaBase}), defines the hook the woven code calls ({@link JdkHook}), tries the
 * settings on a throwaway socket ({@link PolicyCheck}), weaves the JDK's socket classes ({@link Instrumenter}),
 * registers the {@code dev.keepalive:type=Agent} MBean (from a daemon thread, so {@code main} does not wait for
 * the platform MBean server) and logs one line with the policy in force. A malformed argument, or settings this
 * OS cannot take, stop the JVM with exit code 1 and a message on standard error: the operator asked for a
 * policy, and running without it would leave connections unprotected. Any other failure of the agent is logged
 * and the application runs on without it.
 */
public final class KeepAliveAgent {

    /** The exit code of a JVM stopped for a malformed argument. */
    static final int BAD_ARGUMENT = 1;

    private KeepAliveAgent() {
    }

    /**
     * Starts the agent before {@code main}, from {@code -javaagent}.
     *
     * @param argument the text after {@code =} in {@code -javaagent:<jar>=...}, or {@code null}
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String argument, Instrumentation instrumentation) {
        Policy policy;
        try {
            policy = AgentArguments.parse(argument);
        } catch (IllegalArgumentException e) {
            stop(argument, e.getMessage());
            return;
        }
        start(argument, policy, instrumentation, true);
    }

    /**
     * Starts the agent in a running JVM, when it is attached. Only connections made or accepted afterwards get
     * the settings.
     *
     * @param argument the agent's argument, or {@code null}
     * @param instrumentation the JVM's instrumentation
     * @throws IllegalArgumentException if the argument is malformed, or the settings do not suit this OS; the
     *     attach fails with the message and the JVM runs on
     */
    public static void agentmain(String argument, Instrumentation instrumentation) {
        try {
            start(argument, AgentArguments.parse(argument), instrumentation, false);
        } catch (IllegalArgumentException e) {
            System.err.println("socket-keepalive agent: cannot attach with '" + argument + "': " + e.getMessage());
            throw e;
        }
    }

    private static void start(String argument, Policy policy, Instrumentation instrumentation, boolean atStart) {
        AgentLog log = new AgentLog();
        String nativeAccess = nativeAccess(); // before the library's first native call, which sets it
        String access;
        JdkHook hook;
        try {
            JavaBase.open(instrumentation, SocketKeepAlive.class.getModule(), KeepAliveAgent.class.getModule());
            hook = JdkHook.define();
            access = PolicyCheck.tryOn(policy.settings());
        } catch (IllegalArgumentException e) {
            if (!atStart) {
                throw e;
            }
            stop(argument, e.getMessage());
            return;
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.log(Level.ERROR, "socket-keepalive agent not active, connections get no settings: " + describe(e));
            return;
        }
        Counters counters = new Counters();
        AgentStatus status = new AgentStatus(policy, access, counters);
        try {
            Connections connections = new Connections(policy, counters, log);
            hook.install(connections, connections.keeper());
            new Instrumenter(hook, status, log).install(instrumentation);
        } catch (ReflectiveOperationException | UnmodifiableClassException | RuntimeException | LinkageError e) {
            log.log(Level.ERROR, "socket-keepalive agent not active, connections get no settings: " + describe(e));
            return;
        }
        registerLater(status, log);
        log.log(Level.INFO, "socket-keepalive agent: " + policy + " on " + coverage(policy)
                + " (sockets reached through the " + access + nativeAccess + ")");
    }

    /**
     * Registers the MBean from a daemon thread: making the platform MBean server takes longer than the rest of
     * the agent's start, and {@code main} need not wait for it.
     */
    private static void registerLater(AgentStatus status, AgentLog log) {
        Thread registration = new Thread(() -> {
            try {
                status.register();
            } catch (JMException | RuntimeException | LinkageError e) {
                log.log(Level.WARNING, "socket-keepalive agent: no MBean " + AgentStatus.OBJECT_NAME + ": " + e);
            }
        }, "socket-keepalive-agent-jmx");
        registration.setDaemon(true);
        registration.start();
    }

    private static String coverage(Policy policy) {
        String which = switch (policy.direction()) {
            case BOTH -> "TCP connections this JVM makes or accepts";
            case OUTGOING -> "TCP connections this JVM makes";
            case INCOMING -> "TCP connections this JVM accepts";
        };
        Rules rules = policy.rules();
        if (!rules.only().isEmpty()) {
            which += " that match " + String.join(" or ", rules.only().stream().map(Target::toString).toList());
        }
        if (!rules.except().isEmpty()) {
            which += ", except " + String.join(", ", rules.except().stream().map(Target::toString).toList());
        }
        return which;
    }

    /** The failure and its root cause, with what to do where native access was denied. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == failure ? failure.toString() : failure + ", caused by " + root;
        return root instanceof IllegalCallerException
                ? text + " (start the JVM with --enable-native-access=ALL-UNNAMED)" : text;
    }

    private static String nativeAccess() {
        return KeepAliveAgent.class.getModule().isNativeAccessEnabled() ? ""
                : "; native access is not enabled for the class path, so the JVM warns once: start it with"
                        + " --enable-native-access=ALL-UNNAMED to silence that";
    }

    private static void stop(String argument, String reason) {
        System.err.println("socket-keepalive agent: cannot start with '" + argument + "': " + reason);
        System.err.println("socket-keepalive agent: stopping the JVM; a policy was asked for and it could not"
                + " be put in force (see docs/agent.md for the argument's syntax)");
        System.err.flush();
        Runtime.getRuntime().exit(BAD_ARGUMENT);
    }
}
