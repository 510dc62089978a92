package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the methods that make the channel of an accepted connection and return it:
 * {@code ServerSocketChannelImpl.finishAccept} (for {@code accept()} and the socket adaptor's accept) and
 * {@code UnixAsynchronousServerSocketChannelImpl.finishAccept}.
 */
public final class AcceptedReturn {

    private AcceptedReturn() {
    }

    /**
     * Reports the socket to the hook once the method returned without an exception.
     *
     * @param channel the channel made for the accepted connection
     * @param thrown what the method threw, or {@code null}
     * @param accepted the hook's {@code accepted(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Return Object channel, @Advice.Thrown Throwable thrown,
            @Hook.Accepted MethodHandle accepted) throws Throwable {
        if (thrown == null) {
            accepted.invokeExact(channel);
        }
    }
}
