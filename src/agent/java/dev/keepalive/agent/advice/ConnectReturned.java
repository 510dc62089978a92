package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into connect methods that return normally only once connected: {@code Socket.connect(SocketAddress,
 * int)}, {@code SocketChannelImpl.blockingConnect} (the socket adaptor's connect) and
 * {@code UnixAsynchronousSocketChannelImpl.setConnected()}.
 */
public final class ConnectReturned {

    private ConnectReturned() {
    }

    /**
     * Reports the socket to the hook once the method returned without an exception.
     *
     * @param socket the socket or channel that connected
     * @param thrown what the method threw, or {@code null}
     * @param connected the hook's {@code connected(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object socket, @Advice.Thrown Throwable thrown,
            @Hook.Connected MethodHandle connected) throws Throwable {
        if (thrown == null) {
            connected.invokeExact(socket);
        }
    }
}
