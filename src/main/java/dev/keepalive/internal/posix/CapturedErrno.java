package dev.keepalive.internal.posix;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The {@code errno} a downcall linked with {@code Linker.Option.captureCallState("errno")} writes into its
 * capture memory: the memory's layout, and the value read back. Used only where a call has failed (and by
 * {@code sysctlbyname}, never on a hot path), so a JVM whose calls succeed never loads it.
 */
final class CapturedErrno {

    /** The layout of the capture memory to pass as a capturing downcall's first argument. */
    static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private CapturedErrno() {
    }

    /**
     * The captured value.
     *
     * @param capture memory of {@link #LAYOUT} that a capturing downcall wrote
     * @return {@code errno} as the call left it
     */
    static int of(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }
}
