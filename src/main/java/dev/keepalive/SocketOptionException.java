package dev.keepalive;

import java.io.Serial;
import java.net.SocketException;

/**
 * A socket-option call that the operating system refused.
 *
 * <p>Carries the native option that failed ({@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE},
 * {@code SIO_KEEPALIVE_VALS} ...), the OS's error code ({@code errno} on Linux and macOS,
 * {@code WSAGetLastError()} on Windows), that code's symbolic name ({@code ENOTSOCK},
 * {@code WSAENOPROTOOPT} ...) and the OS's description of it, and which call failed: a read
 * ({@code getsockopt}) or a change ({@code setsockopt}, {@code WSAIoctl}), as {@link #operation()} and the
 * message say.
 *
 * {@snippet :
 * try {
 *     SocketKeepAlive.of(channel).setIdle(Duration.ofSeconds(30));
 * } catch (SocketOptionException e) {
 *     // e.g. "setsockopt(TCP_KEEPIDLE) failed: ENOPROTOOPT (92): Protocol not available"
 *     log.warn("keep-alive not tuned: {}({}) {}", e.operation(), e.option(), e.errorName());
 * }
 * }
 */
public final class SocketOptionException extends SocketException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The call that failed: {@code getsockopt}, {@code setsockopt} or {@code WSAIoctl}. */
    private final String operation;
    /** The native option that failed, such as {@code TCP_KEEPIDLE}. */
    private final String option;
    /** The OS's error code: {@code errno}, or {@code WSAGetLastError()} on Windows. */
    private final int errorCode;
    /** The error code's symbolic name, such as {@code ENOTSOCK}. */
    private final String errorName;
    /** The OS's description of the error. */
    private final String osMessage;

    /**
     * Creates an exception for a failed call.
     *
     * @param operation the call that failed, such as {@code setsockopt} or {@code WSAIoctl}
     * @param option the native option, such as {@code TCP_KEEPIDLE}
     * @param errorCode the OS's error code
     * @param errorName the code's symbolic name, such as {@code EBADF}
     * @param osMessage the OS's description of the code
     */
    public SocketOptionException(String operation, String option, int errorCode, String errorName,
                                 String osMessage) {
        super(operation + "(" + option + ") failed: " + errorName + " (" + errorCode + "): " + osMessage);
        this.operation = operation;
        this.option = option;
        this.errorCode = errorCode;
        this.errorName = errorName;
        this.osMessage = osMessage;
    }

    /**
     * The call that failed, which tells a read from a change: an operation that changes settings (such as
     * {@link SocketKeepAlive#apply(KeepAlive)}) first reads the options it may have to restore, so even a change
     * can fail on a read, and then nothing was changed.
     *
     * @return {@code getsockopt} (a read), {@code setsockopt} (a change), or {@code WSAIoctl} (a change of idle
     *     and interval through {@code SIO_KEEPALIVE_VALS} on Windows before 10 1709)
     */
    public String operation() {
        return operation;
    }

    /**
     * The native option whose call failed.
     *
     * @return the option's C name, such as {@code TCP_KEEPCNT}
     */
    public String option() {
        return option;
    }

    /**
     * The OS's error code.
     *
     * @return {@code errno} on Linux and macOS, the {@code WSAGetLastError()} value on Windows
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * The error code's symbolic name.
     *
     * @return for example {@code ENOPROTOOPT}, {@code WSAEINVAL}, or {@code UNKNOWN} for a code this
     *     library has no name for
     */
    public String errorName() {
        return errorName;
    }

    /**
     * The OS's description of the error code.
     *
     * @return the text of {@code strerror} on Linux and macOS, a description of the Winsock code on Windows
     */
    public String osMessage() {
        return osMessage;
    }
}
