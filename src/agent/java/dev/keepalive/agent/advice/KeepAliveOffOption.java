package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import java.net.StandardSocketOptions;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code setOption(SocketOption, Object)} of {@code Socket}, {@code SocketChannelImpl} and
 * {@code AsynchronousSocketChannelImpl}: where the agent's policy covers the socket, setting
 * {@code SO_KEEPALIVE} to {@code false} sets it to {@code true}.
 */
public final class KeepAliveOffOption {

    private KeepAliveOffOption() {
    }

    /**
     * Replaces {@code SO_KEEPALIVE=false} with {@code true} where the hook says so.
     *
     * @param socket the socket or channel
     * @param name the option
     * @param value the value, replaced by {@link Boolean#TRUE} where the policy keeps keep-alive on
     * @param keepOn the hook's {@code keepOn(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object socket, @Advice.Argument(0) Object name,
            @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value,
            @Hook.KeepOn MethodHandle keepOn) throws Throwable {
        if (name == StandardSocketOptions.SO_KEEPALIVE && Boolean.FALSE.equals(value)
                && (boolean) keepOn.invokeExact(socket)) {
            value = Boolean.TRUE;
        }
    }
}
