package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code WindowsAsynchronousSocketChannelImpl.setConnected(InetSocketAddress, InetSocketAddress)},
 * which only the Windows asynchronous server channel calls, on the channel of a connection it accepted.
 */
public final class AcceptedThis {

    private AcceptedThis() {
    }

    /**
     * Reports the socket to the hook once the method returned without an exception.
     *
     * @param channel the accepted channel
     * @param thrown what the method threw, or {@code null}
     * @param accepted the hook's {@code accepted(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object channel, @Advice.Thrown Throwable thrown,
            @Hook.Accepted MethodHandle accepted) throws Throwable {
        if (thrown == null) {
            accepted.invokeExact(channel);
        }
    }
}
