package dev.keepalive.internal.posix;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.JdkSockets;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.SocketCalls;
import dev.keepalive.internal.SocketGuard;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Linux's real {@code setsockopt}/{@code getsockopt} calls, counted, with an optional injected refusal: lets a
 * test on a real socket see which native calls an operation made, and make one option fail.
 */
final class CountingCalls implements SocketCalls {

    private final OptionTable table;
    private final PosixCalls real = new PosixCalls(LinuxOptions.ERRORS);
    private final Predicate<OptionSpec> refused;
    /** The calls made so far, as {@code setsockopt(NAME)} or {@code getsockopt(NAME)}. */
    final List<String> made = new ArrayList<>();

    /**
     * Real calls under the given limits; before each {@code setsockopt}, {@code refused} is asked whether to
     * refuse it instead (it may also act, for example close the socket).
     */
    CountingCalls(OptionTable table, Predicate<OptionSpec> refused) {
        this.table = table;
        this.refused = refused;
    }

    /** Real calls under Linux's limits, some refused. */
    CountingCalls(Predicate<OptionSpec> refused) {
        this(LinuxOptions.TABLE, refused);
    }

    /** Real calls under Linux's limits, none refused. */
    CountingCalls() {
        this(spec -> false);
    }

    /** The native calls made so far. */
    int calls() {
        return made.size();
    }

    /** A session on a JDK channel, as the library makes it, whose native calls all go through these. */
    KeepAliveSession session(SocketChannel channel) {
        return new KeepAliveSession(JdkSockets.guard(channel).orElseThrow(), backend(), Access.NATIVE_HANDLE);
    }

    /** A session on a raw descriptor, as {@code SocketKeepAlive.ofHandle} makes it. */
    KeepAliveSession session(int fd) {
        return new KeepAliveSession(SocketGuard.ofHandle(fd), backend(), Access.NATIVE_HANDLE);
    }

    private dev.keepalive.internal.Backend backend() {
        return PosixBackend.create(table, this, () -> LinuxDefaults.read(LinuxDefaults.PROC_DIRECTORY));
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        made.add("setsockopt(" + spec.name() + ")");
        if (refused.test(spec)) {
            throw new SocketOptionException("setsockopt", spec.name(), 22, "EINVAL", "injected");
        }
        real.setInt(handle, spec, value);
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        made.add("getsockopt(" + spec.name() + ")");
        return real.getInt(handle, spec);
    }
}
