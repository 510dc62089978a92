package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Socket.setKeepAlive(boolean)}: where the agent's policy covers the socket, a {@code false}
 * becomes {@code true} before the method runs.
 */
public final class KeepAliveOffFlag {

    private KeepAliveOffFlag() {
    }

    /**
     * Turns a request to switch keep-alive off into one to keep it on, where the hook says so.
     *
     * @param socket the socket
     * @param on the argument, replaced by {@code true} where the policy keeps keep-alive on
     * @param keepOn the hook's {@code keepOn(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object socket, @Advice.Argument(value = 0, readOnly = false) boolean on,
            @Hook.KeepOn MethodHandle keepOn) throws Throwable {
        if (!on && (boolean) keepOn.invokeExact(socket)) {
            on = true;
        }
    }
}
