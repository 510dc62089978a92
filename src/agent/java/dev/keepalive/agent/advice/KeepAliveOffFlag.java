package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import java.net.StandardSocketOptions;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Socket.setKeepAlive(boolean)}: where the agent's policy covers the socket and turns
 * keep-alive on, a {@code false} becomes {@code true} before the method runs.
 */
public final class KeepAliveOffFlag {

    private KeepAliveOffFlag() {
    }

    /**
     * Asks the hook which value to set when keep-alive is being turned off.
     *
     * @param socket the socket
     * @param on the argument, replaced by what the hook returns
     * @param kept the hook's {@code kept(Object, Object, Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object socket, @Advice.Argument(value = 0, readOnly = false) boolean on,
            @Hook.Kept MethodHandle kept) throws Throwable {
        if (!on) {
            on = (Boolean) (Object) kept.invokeExact(socket, (Object) StandardSocketOptions.SO_KEEPALIVE,
                    (Object) Boolean.FALSE);
        }
    }
}
