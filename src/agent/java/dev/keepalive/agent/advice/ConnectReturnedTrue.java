package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code SocketChannelImpl.connect(SocketAddress)}, which returns {@code true} when the connection
 * is made at once (always in blocking mode) and {@code false} when a non-blocking connect is still pending.
 */
public final class ConnectReturnedTrue {

    private ConnectReturnedTrue() {
    }

    /**
     * Reports the channel to the hook if it is connected now.
     *
     * @param channel the channel
     * @param done what the method returned
     * @param thrown what the method threw, or {@code null}
     * @param connected the hook's {@code connected(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object channel, @Advice.Return boolean done,
            @Advice.Thrown Throwable thrown, @Hook.Connected MethodHandle connected) throws Throwable {
        if (thrown == null && done) {
            connected.invokeExact(channel);
        }
    }
}
