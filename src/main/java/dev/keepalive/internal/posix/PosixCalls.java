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
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Function;

/**
 * {@code setsockopt}/{@code getsockopt} through FFM downcalls, with scratch memory per thread (so one instance
 * serves every socket, whatever lock a caller holds, and no call allocates once a thread has its scratch). The
 * plain handles are the generated bindings' own; the {@code errno}-capturing ones are made here from the
 * bindings' addresses and descriptors, because jextract cannot add
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
    private static final MethodHandle SETSOCKOPT = posix_h.setsockopt$handle();
    private static final MethodHandle GETSOCKOPT = posix_h.getsockopt$handle();

    /**
     * The {@code errno}-capturing handles, linked only when a call has failed: each distinct downcall shape costs
     * a link (stub generation) on first use, which a JVM whose calls all succeed never needs to pay. Their
     * capture memory is allocated per failure, so that a successful call's scratch does not need the capture
     * layout either.
     */
    private static final class Capturing {
        static final MethodHandle SETSOCKOPT = Linker.nativeLinker().downcallHandle(
                setsockopt$address(), setsockopt$descriptor(), Linker.Option.captureCallState("errno"));
        static final MethodHandle GETSOCKOPT = Linker.nativeLinker().downcallHandle(
                getsockopt$address(), getsockopt$descriptor(), Linker.Option.captureCallState("errno"));

        /** What {@link #setsockopt} and {@link #getsockopt} return when the repeated call succeeded. */
        static final int SUCCEEDED = -1;

        /** Sets again, capturing {@code errno}: {@link #SUCCEEDED} if it succeeded this time, else {@code errno}. */
        static int setsockopt(int fd, int level, int option, MemorySegment value) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment capture = arena.allocate(CapturedErrno.LAYOUT);
                return (int) SETSOCKOPT.invokeExact(capture, fd, level, option, value, INT_SIZE) == 0
                        ? SUCCEEDED : CapturedErrno.of(capture);
            }
        }

        /** Reads again, capturing {@code errno}: {@link #SUCCEEDED} if it succeeded this time, else {@code errno}. */
        static int getsockopt(int fd, int level, int option, MemorySegment value, MemorySegment length)
                throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment capture = arena.allocate(CapturedErrno.LAYOUT);
                return (int) GETSOCKOPT.invokeExact(capture, fd, level, option, value, length) == 0
                        ? SUCCEEDED : CapturedErrno.of(capture);
            }
        }
    }

    private static final ThreadScratch<Scratch> SCRATCH = new ThreadScratch<>(Scratch.FACTORY);

    private final ErrorNames errors;

    PosixCalls(ErrorNames errors) {
        this.errors = errors;
    }

    /** Memory for one call's value and length. */
    private static final class Scratch {
        /** Makes a thread's scratch; a class of its own rather than a lambda, which a fresh JVM pays more for. */
        static final Function<Arena, Scratch> FACTORY = new Function<>() {
            @Override
            public Scratch apply(Arena arena) {
                return new Scratch(arena);
            }
        };

        final MemorySegment value;
        final MemorySegment length;

        Scratch(Arena arena) {
            MemorySegment memory = arena.allocate(2L * INT_SIZE, INT_SIZE);
            value = memory.asSlice(0, INT_SIZE);
            length = memory.asSlice(INT_SIZE, INT_SIZE);
        }
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int newValue) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        int errno = Capturing.SUCCEEDED;
        try {
            MemorySegment value = scratch.value;
            value.set(JAVA_INT, 0, newValue);
            if ((int) SETSOCKOPT.invokeExact((int) handle, spec.level(), spec.option(), value, INT_SIZE) != 0) {
                errno = Capturing.setsockopt((int) handle, spec.level(), spec.option(), value);
            }
        } catch (Throwable unexpected) {
            throw new IllegalStateException("setsockopt downcall failed", unexpected);
        } finally {
            SCRATCH.give(scratch);
        }
        if (errno != Capturing.SUCCEEDED) {
            throw failure("setsockopt", spec, errno);
        }
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        int errno = Capturing.SUCCEEDED;
        int result;
        try {
            MemorySegment value = scratch.value;
            MemorySegment length = scratch.length;
            value.set(JAVA_INT, 0, 0);
            length.set(JAVA_INT, 0, INT_SIZE);
            if ((int) GETSOCKOPT.invokeExact((int) handle, spec.level(), spec.option(), value, length) != 0) {
                errno = Capturing.getsockopt((int) handle, spec.level(), spec.option(), value, length);
            }
            result = value.get(JAVA_INT, 0);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("getsockopt downcall failed", unexpected);
        } finally {
            SCRATCH.give(scratch);
        }
        if (errno != Capturing.SUCCEEDED) {
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
