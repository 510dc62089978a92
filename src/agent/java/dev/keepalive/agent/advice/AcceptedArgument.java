package dev.keepalive.agent.advice;

import java.lang.invoke.MethodHandle;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ServerSocket.implAccept(Socket)}, through which {@code ServerSocket.accept()} and every
 * subclass's accept (TLS server sockets among them) connect the socket they hand out.
 */
public final class AcceptedArgument {

    private AcceptedArgument() {
    }

    /**
     * Reports the socket to the hook once the method returned without an exception.
     *
     * @param socket the socket that was accepted
     * @param thrown what the method threw, or {@code null}
     * @param accepted the hook's {@code accepted(Object)}
     * @throws Throwable never: the hook returns normally, and the advice's own failures are suppressed
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object socket, @Advice.Thrown Throwable thrown,
            @Hook.Accepted MethodHandle accepted) throws Throwable {
        if (thrown == null) {
            accepted.invokeExact(socket);
        }
    }
}
