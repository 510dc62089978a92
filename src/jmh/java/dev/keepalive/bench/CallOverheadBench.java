package dev.keepalive.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of reaching C at all: the C library's {@code int abs(int)}, which makes no system call, through
 * each mechanism (the JNI row through a shim that calls it). The Java row is shown for scale only; it is no
 * reference, as a JIT-compiled {@code Math.abs} costs less than a clock tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallOverheadBench {

    private final MemorySegment capture = Arena.ofAuto().allocate(Ffm.CAPTURE_SIZE);
    private int value = -42;

    /** The same work in Java: the floor. */
    @Benchmark
    public int baseline_java() {
        return Math.abs(value);
    }

    /** A plain FFM downcall. */
    @Benchmark
    public int ffm_plain() throws Throwable {
        return (int) Ffm.ABS_PLAIN.invokeExact(value);
    }

    /** An FFM downcall that captures {@code errno}. */
    @Benchmark
    public int ffm_errno() throws Throwable {
        return (int) Ffm.ABS_ERRNO.invokeExact(capture, value);
    }

    /** A critical FFM downcall: no thread-state transition. */
    @Benchmark
    public int ffm_critical() throws Throwable {
        return (int) Ffm.ABS_CRITICAL.invokeExact(value);
    }

    /** JNA direct mapping. */
    @Benchmark
    public int jna_direct() {
        return Jna.Direct.abs(value);
    }

    /** A JNI shim that calls the C library's {@code abs}, the function the other rows call. */
    @Benchmark
    public int jni() {
        return Natives.jniAbs(value);
    }
}
