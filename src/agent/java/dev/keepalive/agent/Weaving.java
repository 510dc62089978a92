package dev.keepalive.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
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
import dev.keepalive.agent.advice.KeepAliveOption;
import dev.keepalive.agent.advice.OuterConnected;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaConstant;

/**
 * The Byte Buddy side of {@link Instrumenter}: which advice goes into which JDK method, and the weaving of one
 * class file. Each advice is inlined into the JDK method and calls the {@linkplain JdkHook hook in java.base}
 * through a constant method handle; Byte Buddy reads the advice from the agent's class files. The woven class
 * keeps its shape (no member is added), as retransformation requires.
 */
final class Weaving {

    private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Weaving.class.getClassLoader());
    private final TypePool agentTypes = TypePool.Default.of(agentClasses);
    private final Advice.WithCustomMapping hookCalls;
    private final Map<String, List<Advised>> byType = new HashMap<>();
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(InstrumentedType.Factory.Default.FROZEN)
            .with(VisibilityBridgeStrategy.Default.NEVER)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    /**
     * Prepares the advice.
     *
     * @param hook the hook the advice calls
     * @throws NoSuchMethodException if the hook lacks a method (never for a hook made from the template)
     */
    Weaving(JdkHook hook) throws NoSuchMethodException {
        hookCalls = Advice.withCustomMapping()
                .bind(Hook.Connected.class, JavaConstant.MethodHandle.of(hook.connected()))
                .bind(Hook.Accepted.class, JavaConstant.MethodHandle.of(hook.accepted()))
                .bind(Hook.Kept.class, JavaConstant.MethodHandle.of(hook.kept()));
        advise(Instrumenter.SOCKET, ConnectReturned.class, named("connect").and(takesArguments(2))
                .and(takesArgument(0, named("java.net.SocketAddress"))));
        advise(Instrumenter.SOCKET, KeepAliveOffFlag.class, named("setKeepAlive").and(takesArguments(boolean.class)));
        advise(Instrumenter.SOCKET, KeepAliveOption.class, setOption());
        advise(Instrumenter.SERVER_SOCKET, AcceptedArgument.class, named("implAccept")
                .and(takesArguments(1)).and(takesArgument(0, named(Instrumenter.SOCKET))));
        advise(Instrumenter.CHANNEL, ConnectReturnedTrue.class, named("connect").and(takesArguments(1))
                .and(returns(boolean.class)));
        advise(Instrumenter.CHANNEL, FinishConnectReturnedTrue.class, named("finishConnect").and(takesArguments(0)));
        advise(Instrumenter.CHANNEL, ConnectReturned.class, named("blockingConnect").and(takesArguments(2)));
        advise(Instrumenter.CHANNEL, KeepAliveOption.class, setOption());
        advise(Instrumenter.SERVER_CHANNEL, AcceptedReturn.class, named("finishAccept")
                .and(returns(named("java.nio.channels.SocketChannel"))));
        advise(Instrumenter.ASYNC_CHANNEL, KeepAliveOption.class, setOption());
        advise(Instrumenter.UNIX_ASYNC_CHANNEL, ConnectReturned.class, named("setConnected").and(takesArguments(0)));
        advise(Instrumenter.UNIX_ASYNC_SERVER, AcceptedReturn.class, named("finishAccept")
                .and(returns(named("java.nio.channels.AsynchronousSocketChannel"))));
        advise(Instrumenter.WINDOWS_CONNECT_TASK, OuterConnected.class, named("afterConnect")
                .and(takesArguments(0)));
        advise(Instrumenter.WINDOWS_ASYNC_CHANNEL, AcceptedThis.class, named("setConnected").and(takesArguments(2)));
        if (!byType.keySet().equals(Instrumenter.TARGETS)) {
            throw new IllegalStateException("advice for " + byType.keySet() + ", targets " + Instrumenter.TARGETS);
        }
    }

    private static ElementMatcher.Junction<MethodDescription> setOption() {
        return named("setOption").and(takesArguments(2)).and(takesArgument(0, named("java.net.SocketOption")));
    }

    private void advise(String type, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        AsmVisitorWrapper visitor = hookCalls.to(agentTypes.describe(advice.getName()).resolve(), agentClasses)
                .on(methods);
        byType.computeIfAbsent(type, name -> new ArrayList<>())
                .add(new Advised(advice.getSimpleName(), methods, visitor));
    }

    /** One advice and the methods of its class it goes into. */
    private record Advised(String name, ElementMatcher<? super MethodDescription> methods,
            AsmVisitorWrapper visitor) {
    }

    /**
     * A woven class file, and the advice that found no method to go into (a JDK whose methods differ from the
     * ones this agent knows).
     *
     * @param classFile the class file
     * @param missed the names of the advice that went nowhere
     */
    record Woven(byte[] classFile, List<String> missed) {
    }

    /**
     * Weaves the advice into a JDK class.
     *
     * @param name the class's binary name, one of {@link Instrumenter#TARGETS}
     * @param classFile the class file the JVM is loading or retransforming
     * @return the woven class file, and what could not be woven
     */
    Woven weave(String name, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.ofBootLoader());
        TypePool types = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = types.describe(name).resolve();
        DynamicType.Builder<?> woven = byteBuddy.redefine(type, locator);
        List<String> missed = new ArrayList<>();
        for (Advised advice : byType.get(name)) {
            if (type.getDeclaredMethods().filter(advice.methods()).isEmpty()) {
                missed.add(advice.name());
            }
            woven = woven.visit(advice.visitor());
        }
        return new Woven(woven.make(types).getBytes(), missed);
    }
}
