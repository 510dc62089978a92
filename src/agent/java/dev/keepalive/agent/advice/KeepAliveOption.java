package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code setOption(SocketOption, Object)} of {@code Socket}, {@code SocketChannelImpl} and
 * {@code AsynchronousSocketChannelImpl}: where the agent's policy covers the socket, setting
 * {@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} or {@code TCP_KEEPCOUNT} sets the
 * policy's value instead. The options of {@code jdk.net} are told by name, as {@code java.base} cannot name
 * their class.
 */
public final class KeepAliveOption {

    private KeepAliveOption() {
    }

    /**
     * Asks the hook which value to set, for the keep-alive options only.
     *
     * @param socket the socket or channel
     * @param name the option
     * @param value the value, replaced by what the hook returns
     * @param kept the hook's {@code kept(Object, Object, Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object socket, @Advice.Argument(0) SocketOption<?> name,
            @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value,
            @Hook.Kept MethodHandle kept) throws Throwable {
        if (name == StandardSocketOptions.SO_KEEPALIVE || name != null && name.name().startsWith("TCP_KEEP")) {
            value = (Object) kept.invokeExact(socket, (Object) name, value);
        }
    }
}
