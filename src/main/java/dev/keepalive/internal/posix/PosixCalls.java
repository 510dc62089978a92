package dev.keepalive.internal.posix;

import static dev.keepalive.internal.posix.gen.posix_h.getsockopt$address;
import static dev.keepalive.internal.posix.gen.posix_h.getsockopt$descriptor;
import static dev.keepalive.internal.posix.gen.posix_h.setsockopt$address;
import static dev.keepalive.internal.posix.gen.posix_h.setsockopt$descriptor;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;
import dev.keepalive.internal.ThreadScratch;
import dev.keepalive.internal.posix.gen.posix_h;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@code setsockopt}/{@code getsockopt} through FFM downcalls, with scratch memory per thread (so one instance
 * serves every socket, whatever lock a caller holds, and no call allocates once a thread has its scratch). The generated bindings give the functions'
 * addresses and descriptors; the handles are made here because jextract cannot add
 * {@link Linker.Option#captureCallState(String...)}. The C signatures are the same on Linux and macOS.
 *
 * <p>Each call is made through a plain handle first: capturing {@code errno} makes every downcall dearer (the
 * benchmarks' trivial-call rows show by how much), and a successful call does not need it. Only when the call
 * returns -1 is it made once more, through a handle that captures {@code errno}, to learn why. Repeating it is
 * safe: a failed {@code setsockopt} or {@code getsockopt} changes nothing on the socket, and the descriptor
 * still names the same socket (for JDK sockets the caller holds the JDK's close lock; a raw handle is its
 * owner's to keep open, as for the first call), so the repeated call fails the same way. Should it succeed
 * after all, the option was set or read, and the call has done its job.
 */
final class PosixCalls implements SocketCalls {

    private static final int INT_SIZE = 4;
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final MethodHandle SETSOCKOPT = Linker.nativeLinker().downcallHandle(
            setsockopt$address(), setsockopt$descriptor());
    private static final MethodHandle GETSOCKOPT = Linker.nativeLinker().downcallHandle(
            getsockopt$address(), getsockopt$descriptor());

    /**
     * The {@code errno}-capturing handles and the accessor of the captured value, linked only when a call has failed: each distinct downcall shape costs
     * a link (stub generation) on first use, which a JVM whose calls all succeed never needs to pay.
     */
    private static final class Capturing {
        static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SETSOCKOPT = Linker.nativeLinker().downcallHandle(
                setsockopt$address(), setsockopt$descriptor(), Linker.Option.captureCallState("errno"));
        static final MethodHandle GETSOCKOPT = Linker.nativeLinker().downcallHandle(
                getsockopt$address(), getsockopt$descriptor(), Linker.Option.captureCallState("errno"));
    }

    private static final ThreadScratch<Scratch> SCRATCH = new ThreadScratch<>(Scratch::new);

    private final ErrorNames errors;

    PosixCalls(ErrorNames errors) {
        this.errors = errors;
    }

    /** Memory for one call's value, length and captured {@code errno}. */
    private static final class Scratch {
        final MemorySegment value;
        final MemorySegment length;
        final MemorySegment capture;

        Scratch(Arena arena) {
            MemorySegment memory = arena.allocate(2L * INT_SIZE + CAPTURE_LAYOUT.byteSize(), 8);
            value = memory.asSlice(0, INT_SIZE);
            length = memory.asSlice(INT_SIZE, INT_SIZE);
            capture = memory.asSlice(2L * INT_SIZE, CAPTURE_LAYOUT.byteSize());
        }
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int newValue) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        boolean failed = false;
        int errno = 0;
        try {
            MemorySegment value = scratch.value;
            value.set(JAVA_INT, 0, newValue);
            if ((int) SETSOCKOPT.invokeExact((int) handle, spec.level(), spec.option(), value, INT_SIZE) != 0
                    && (int) Capturing.SETSOCKOPT.invokeExact(scratch.capture, (int) handle, spec.level(), spec.option(),
                            value, INT_SIZE) != 0) {
                failed = true;
                errno = (int) Capturing.ERRNO.get(scratch.capture, 0L);
            }
        } catch (Throwable unexpected) {
            throw new IllegalStateException("setsockopt downcall failed", unexpected);
        } finally {
            SCRATCH.give(scratch);
        }
        if (failed) {
            throw failure("setsockopt", spec, errno);
        }
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        boolean failed = false;
        int errno = 0;
        int result = 0;
        try {
            MemorySegment value = scratch.value;
            MemorySegment length = scratch.length;
            value.set(JAVA_INT, 0, 0);
            length.set(JAVA_INT, 0, INT_SIZE);
            if ((int) GETSOCKOPT.invokeExact((int) handle, spec.level(), spec.option(), value, length) != 0
                    && (int) Capturing.GETSOCKOPT.invokeExact(scratch.capture, (int) handle, spec.level(), spec.option(),
                            value, length) != 0) {
                failed = true;
                errno = (int) Capturing.ERRNO.get(scratch.capture, 0L);
            } else {
                result = value.get(JAVA_INT, 0);
            }
        } catch (Throwable unexpected) {
            throw new IllegalStateException("getsockopt downcall failed", unexpected);
        } finally {
            SCRATCH.give(scratch);
        }
        if (failed) {
            throw failure("getsockopt", spec, errno);
        }
        return result;
    }

    private SocketOptionException failure(String operation, OptionSpec spec, int errno) {
        return new SocketOptionException(operation, spec.name(), errno, errors.nameOf(errno), describe(errno));
    }

    /** The C library's text for an {@code errno} value; {@code strerror} has the same signature on macOS. */
    static String describe(int errno) {
        MemorySegment text = posix_h.strerror(errno);
        return text.equals(MemorySegment.NULL) ? "error " + errno : text.reinterpret(Integer.MAX_VALUE).getString(0);
    }
}
