package dev.keepalive.internal.posix;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.JdkSockets;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;
import dev.keepalive.internal.SocketGuard;
import java.nio.channels.SocketChannel;
import java.util.function.Predicate;

/**
 * Linux's real {@code setsockopt}/{@code getsockopt} calls, counted, with an optional injected refusal: lets a
 * test on a real socket see how many native calls an operation made, and make one option fail.
 */
final class CountingCalls implements SocketCalls {

    static final PosixConstants LINUX = LinuxConstants.create();

    private final PosixConstants constants;
    private final SocketCalls real = new PosixCalls(LINUX.errors());
    private final Predicate<OptionSpec> refused;
    private int calls;

    /**
     * Real calls under the given limits; before each {@code setsockopt}, {@code refused} is asked whether to
     * refuse it instead (it may also act, for example close the socket).
     */
    CountingCalls(PosixConstants constants, Predicate<OptionSpec> refused) {
        this.constants = constants;
        this.refused = refused;
    }

    /** Real calls under Linux's limits, some refused. */
    CountingCalls(Predicate<OptionSpec> refused) {
        this(LINUX, refused);
    }

    /** Real calls under Linux's limits, none refused. */
    CountingCalls() {
        this(spec -> false);
    }

    /** The native calls made so far. */
    int calls() {
        return calls;
    }

    /** A session on a JDK channel, as the library makes it, whose native calls all go through these. */
    KeepAliveSession session(SocketChannel channel) {
        PosixBackend backend = new PosixBackend(constants, () -> this);
        SocketGuard guard = JdkSockets.guard(channel).orElseThrow();
        return new KeepAliveSession(guard, backend.table(), backend.open(guard.handle(), channel), "native handle");
    }

    /** A session on a raw descriptor, as {@code SocketKeepAlive.ofHandle} makes it. */
    KeepAliveSession session(int fd) {
        PosixBackend backend = new PosixBackend(constants, () -> this);
        return new KeepAliveSession(SocketGuard.ofHandle(fd), backend.table(), backend.open(fd, null),
                "native handle");
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        calls++;
        if (refused.test(spec)) {
            throw new SocketOptionException("setsockopt", spec.name(), 22, "EINVAL", "injected");
        }
        real.setInt(handle, spec, value);
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        calls++;
        return real.getInt(handle, spec);
    }
}
