package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code WindowsAsynchronousSocketChannelImpl$ConnectTask.afterConnect()}, which marks the
 * enclosing channel connected on Windows; the channel is the inner class's {@code this$0}.
 */
public final class OuterConnected {

    private OuterConnected() {
    }

    /**
     * Reports the socket to the hook once the method returned without an exception.
     *
     * @param channel the enclosing channel
     * @param thrown what the method threw, or {@code null}
     * @param connected the hook's {@code connected(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object channel, @Advice.Thrown Throwable thrown,
            @Hook.Connected MethodHandle connected) throws Throwable {
        if (thrown == null) {
            connected.invokeExact(channel);
        }
    }
}
