package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import java.nio.channels.SocketChannel;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code SocketChannelImpl.finishConnect()}, which completes a non-blocking connect. It returns
 * {@code true} again on every later call, so the channel is reported only on the call that connected it.
 */
public final class FinishConnectReturnedTrue {

    private FinishConnectReturnedTrue() {
    }

    /**
     * Notes whether the channel was connected before the call.
     *
     * @param channel the channel
     * @return whether it was connected already
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.This SocketChannel channel) {
        return channel.isConnected();
    }

    /**
     * Reports the channel to the hook if this call connected it.
     *
     * @param channel the channel
     * @param connectedBefore what {@link #enter} returned
     * @param done what the method returned
     * @param thrown what the method threw, or {@code null}
     * @param connected the hook's {@code connected(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object channel, @Advice.Enter boolean connectedBefore,
            @Advice.Return boolean done, @Advice.Thrown Throwable thrown,
            @Hook.Connected MethodHandle connected) throws Throwable {
        if (thrown == null && done && !connectedBefore) {
            connected.invokeExact(channel);
        }
    }
}
