package dev.keepalive.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Raw FFM downcall handles on the C library's functions, made the ways an FFM user could make them. */
final class Ffm {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemorySegment SETSOCKOPT = LINKER.defaultLookup().find("setsockopt").orElseThrow();
    private static final MemorySegment GETSOCKOPT = LINKER.defaultLookup().find("getsockopt").orElseThrow();
    private static final MemorySegment ABS = LINKER.defaultLookup().find("abs").orElseThrow();
    private static final FunctionDescriptor SET =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor GET =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL_HEAP = Linker.Option.critical(true);

    /** {@code int setsockopt(int, int, int, const void *, socklen_t)}. */
    static final MethodHandle SET_PLAIN = LINKER.downcallHandle(SETSOCKOPT, SET);
    /** The same, with a leading capture-state segment that receives {@code errno}. */
    static final MethodHandle SET_ERRNO = LINKER.downcallHandle(SETSOCKOPT, SET, ERRNO);
    /** The same as a critical function that may be passed heap segments. */
    static final MethodHandle SET_CRITICAL = LINKER.downcallHandle(SETSOCKOPT, SET, CRITICAL_HEAP);
    /** {@code int getsockopt(int, int, int, void *, socklen_t *)}. */
    static final MethodHandle GET_PLAIN = LINKER.downcallHandle(GETSOCKOPT, GET);
    /** The same, with a leading capture-state segment that receives {@code errno}. */
    static final MethodHandle GET_ERRNO = LINKER.downcallHandle(GETSOCKOPT, GET, ERRNO);
    /** The same as a critical function that may be passed heap segments. */
    static final MethodHandle GET_CRITICAL = LINKER.downcallHandle(GETSOCKOPT, GET, CRITICAL_HEAP);
    /** {@code int abs(int)}: a C function that makes no system call. */
    static final MethodHandle ABS_PLAIN = LINKER.downcallHandle(ABS, INT_INT);
    /** The same, capturing {@code errno}. */
    static final MethodHandle ABS_ERRNO = LINKER.downcallHandle(ABS, INT_INT, ERRNO);
    /** The same as a critical function. */
    static final MethodHandle ABS_CRITICAL = LINKER.downcallHandle(ABS, INT_INT, Linker.Option.critical(false));

    /** Bytes of the capture-state segment. */
    static final long CAPTURE_SIZE = Linker.Option.captureStateLayout().byteSize();

    private Ffm() {
    }
}
