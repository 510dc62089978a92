package dev.keepalive.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keepalive.agent.advice.AcceptedArgument;
import dev.keepalive.agent.advice.AcceptedReturn;
import dev.keepalive.agent.advice.AcceptedThis;
import dev.keepalive.agent.advice.ConnectReturned;
import dev.keepalive.agent.advice.ConnectReturnedTrue;
import dev.keepalive.agent.advice.FinishConnectReturnedTrue;
import dev.keepalive.agent.advice.Hook;
import dev.keepalive.agent.advice.KeepAliveOffFlag;
import dev.keepalive.agent.advice.KeepAliveOffOption;
import dev.keepalive.agent.advice.OuterConnected;
import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaConstant;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the advice into the JDK's socket classes with Byte Buddy. Each advice is inlined into the JDK method
 * and calls the {@linkplain JdkHook hook in java.base} through a constant method handle; Byte Buddy reads the
 * advice from the agent's class files. Classes loaded already are retransformed; the others are woven when first loaded.
 *
 * <p>The methods, as in JDK 22 to 25 ({@code sun.nio.ch} names are the JDK's implementation classes):
 * <table class="striped">
 * <caption>Instrumented methods</caption>
 * <tr><th>class</th><th>method</th><th>event</th></tr>
 * <tr><td>{@code java.net.Socket}</td><td>{@code connect(SocketAddress, int)}</td><td>connected</td></tr>
 * <tr><td>{@code java.net.ServerSocket}</td><td>{@code implAccept(Socket)}</td><td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.SocketChannelImpl}</td><td>{@code connect(SocketAddress)},
 *     {@code finishConnect()}, {@code blockingConnect(SocketAddress, long)}</td><td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.ServerSocketChannelImpl}</td><td>{@code finishAccept(FileDescriptor,
 *     SocketAddress)}</td><td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}</td><td>{@code setConnected()}</td>
 *     <td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.UnixAsynchronousServerSocketChannelImpl}</td><td>{@code finishAccept(...)}</td>
 *     <td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.WindowsAsynchronousSocketChannelImpl$ConnectTask}</td><td>{@code afterConnect()}</td>
 *     <td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.WindowsAsynchronousSocketChannelImpl}</td><td>{@code setConnected(InetSocketAddress,
 *     InetSocketAddress)}</td><td>accepted</td></tr>
 * <tr><td>{@code java.net.Socket}</td><td>{@code setKeepAlive(boolean)}, {@code setOption(SocketOption,
 *     Object)}</td><td>keep-alive turned off</td></tr>
 * <tr><td>{@code sun.nio.ch.SocketChannelImpl}, {@code sun.nio.ch.AsynchronousSocketChannelImpl}</td>
 *     <td>{@code setOption(SocketOption, Object)}</td><td>keep-alive turned off</td></tr>
 * </table>
 */
final class Instrumenter {

    private static final String SOCKET = "java.net.Socket";
    private static final String SERVER_SOCKET = "java.net.ServerSocket";
    private static final String CHANNEL = "sun.nio.ch.SocketChannelImpl";
    private static final String SERVER_CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    private static final String ASYNC_CHANNEL = "sun.nio.ch.AsynchronousSocketChannelImpl";
    private static final String UNIX_ASYNC_CHANNEL = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    private static final String UNIX_ASYNC_SERVER = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
    private static final String WINDOWS_ASYNC_CHANNEL = "sun.nio.ch.WindowsAsynchronousSocketChannelImpl";
    private static final String WINDOWS_CONNECT_TASK = WINDOWS_ASYNC_CHANNEL + "$ConnectTask";

    private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Instrumenter.class.getClassLoader());
    private final TypePool agentTypes = TypePool.Default.of(agentClasses);
    /** For each JDK class, its methods and the advice each gets. */
    private final Map<String, List<AsmVisitorWrapper>> weaving = new LinkedHashMap<>();
    private final Advice.WithCustomMapping hookCalls;

    /**
     * Prepares the weaving.
     *
     * @param hook the hook the advice calls
     * @throws NoSuchMethodException if the hook lacks a method (never for a hook made from the template)
     */
    Instrumenter(JdkHook hook) throws NoSuchMethodException {
        hookCalls = Advice.withCustomMapping()
                .bind(Hook.Connected.class, JavaConstant.MethodHandle.of(hook.connected()))
                .bind(Hook.Accepted.class, JavaConstant.MethodHandle.of(hook.accepted()))
                .bind(Hook.KeepOn.class, JavaConstant.MethodHandle.of(hook.keepOn()));
        weave(SOCKET, ConnectReturned.class, named("connect").and(takesArguments(2))
                .and(takesArgument(0, named("java.net.SocketAddress"))));
        weave(SOCKET, KeepAliveOffFlag.class, named("setKeepAlive").and(takesArguments(boolean.class)));
        weave(SOCKET, KeepAliveOffOption.class, setOption());
        weave(SERVER_SOCKET, AcceptedArgument.class, named("implAccept")
                .and(takesArguments(1)).and(takesArgument(0, named(SOCKET))));
        weave(CHANNEL, ConnectReturnedTrue.class, named("connect").and(takesArguments(1)).and(returns(boolean.class)));
        weave(CHANNEL, FinishConnectReturnedTrue.class, named("finishConnect").and(takesArguments(0)));
        weave(CHANNEL, ConnectReturned.class, named("blockingConnect").and(takesArguments(2)));
        weave(CHANNEL, KeepAliveOffOption.class, setOption());
        weave(SERVER_CHANNEL, AcceptedReturn.class, named("finishAccept")
                .and(returns(named("java.nio.channels.SocketChannel"))));
        weave(ASYNC_CHANNEL, KeepAliveOffOption.class, setOption());
        weave(UNIX_ASYNC_CHANNEL, ConnectReturned.class, named("setConnected").and(takesArguments(0)));
        weave(UNIX_ASYNC_SERVER, AcceptedReturn.class, named("finishAccept")
                .and(returns(named("java.nio.channels.AsynchronousSocketChannel"))));
        weave(WINDOWS_CONNECT_TASK, OuterConnected.class, named("afterConnect").and(takesArguments(0)));
        weave(WINDOWS_ASYNC_CHANNEL, AcceptedThis.class, named("setConnected").and(takesArguments(2)));
    }

    private static ElementMatcher.Junction<MethodDescription> setOption() {
        return named("setOption").and(takesArguments(2))
                .and(takesArgument(0, named("java.net.SocketOption")));
    }

    private void weave(String type, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        TypeDescription adviceType = agentTypes.describe(advice.getName()).resolve();
        weaving.computeIfAbsent(type, name -> new java.util.ArrayList<>())
                .add(hookCalls.to(adviceType, agentClasses).on(methods));
    }

    /**
     * Installs the transformation: retransforms the JDK classes loaded already, and weaves the others when
     * they load.
     *
     * @param instrumentation the agent's instrumentation
     * @param status told of each class woven
     * @param log told of each class that could not be woven
     */
    void install(Instrumentation instrumentation, AgentStatus status, AgentLog log) {
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new Listener(status, log))
                .ignore(not(namedOneOf(weaving.keySet().toArray(String[]::new))));
        for (Map.Entry<String, List<AsmVisitorWrapper>> entry : weaving.entrySet()) {
            List<AsmVisitorWrapper> visitors = entry.getValue();
            builder = builder.type(named(entry.getKey())).transform((type, description, loader, module, domain) -> {
                DynamicType.Builder<?> woven = type;
                for (AsmVisitorWrapper visitor : visitors) {
                    woven = woven.visit(visitor);
                }
                return woven;
            });
        }
        builder.installOn(instrumentation);
    }

    /**
     * A new agent builder, made without Byte Buddy's nexus: the nexus initialises classes that Byte Buddy
     * generates, which this agent never does, and looking for a way to inject it calls {@code sun.misc.Unsafe},
     * which JDK 24 and later warn about. The property that turns it off is Byte Buddy's, relocated with it to a
     * name only this agent's copy reads; it is set only while the builder is made.
     */
    private static AgentBuilder newAgentBuilder() {
        String before = System.setProperty(Nexus.PROPERTY, "true");
        try {
            return new AgentBuilder.Default();
        } finally {
            if (before == null) {
                System.clearProperty(Nexus.PROPERTY);
            } else {
                System.setProperty(Nexus.PROPERTY, before);
            }
        }
    }

    /** Notes each class woven, and logs each that could not be, once. */
    private static final class Listener extends AgentBuilder.Listener.Adapter {
        private final AgentStatus status;
        private final AgentLog log;

        Listener(AgentStatus status, AgentLog log) {
            this.status = status;
            this.log = log;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            status.instrumented(type.getName());
        }

        @Override
        public void onError(String type, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            log.once("instrument " + type, Level.WARNING, () -> "could not instrument " + type + ": " + error
                    + "; connections through it do not get the settings", error);
        }
    }
}
