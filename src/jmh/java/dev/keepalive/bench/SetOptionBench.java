package dev.keepalive.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

/**
 * One {@code setsockopt(fd, level, option, &value, 4)} on a connected loopback socket, made through each raw
 * mechanism: the C loop (the physical limit), FFM downcalls made four ways (and once under the close lock),
 * JNA's two mappings and a JNI shim. Every row sets the same option to the same value on the same kind of
 * socket, so the rows differ only in how Java reaches the C function. The library's own rows are in
 * {@link LibraryBench}, the JDK's in {@link JdkBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SetOptionBench extends LoopbackSockets {

    /** Operations per C-loop call. */
    static final int BATCH = 1000;

    @Param
    public SockOpt option;

    private int level;
    private int number;
    private int value;
    private MemorySegment segment;
    private MemorySegment capture;
    private MemorySegment heap;
    private Memory jnaValue;

    @Override
    protected void prepare() throws Throwable {
        level = option.level;
        number = option.number;
        value = option.value;
        segment = Arena.ofAuto().allocate(JAVA_INT);
        capture = Arena.ofAuto().allocate(Ffm.CAPTURE_SIZE);
        heap = MemorySegment.ofArray(new int[1]);
        jnaValue = new Memory(4);
        check(ffm_plain() == 0, "setsockopt");
        if (Natives.AVAILABLE) {
            check(c_loop() == 0, "the C loop");
        }
    }

    /** The same call in a C loop: the cost of the system call itself, per operation. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int c_loop() throws Throwable {
        return (int) Natives.SET_LOOP.invokeExact(fd, level, number, value, BATCH);
    }

    /** A plain downcall with a segment allocated once. */
    @Benchmark
    public int ffm_plain() throws Throwable {
        segment.set(JAVA_INT, 0, value);
        return (int) Ffm.SET_PLAIN.invokeExact(fd, level, number, segment, 4);
    }

    /**
     * A plain downcall made while holding the channel's close lock, as the library does for JDK sockets: the
     * difference to {@link #ffm_plain()} is what that lock costs.
     */
    @Benchmark
    public int ffm_plainLocked() throws Throwable {
        synchronized (closeLock) {
            segment.set(JAVA_INT, 0, value);
            return (int) Ffm.SET_PLAIN.invokeExact(fd, level, number, segment, 4);
        }
    }

    /** The same with {@code captureCallState("errno")}, as needed to learn why a call failed. */
    @Benchmark
    public int ffm_errno() throws Throwable {
        segment.set(JAVA_INT, 0, value);
        return (int) Ffm.SET_ERRNO.invokeExact(capture, fd, level, number, segment, 4);
    }

    /** The naive way: a new confined arena per call for the value. */
    @Benchmark
    public int ffm_arenaPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment local = arena.allocateFrom(JAVA_INT, value);
            return (int) Ffm.SET_PLAIN.invokeExact(fd, level, number, local, 4);
        }
    }

    /** {@code Linker.Option.critical(true)}: no thread-state transition, the value passed from a Java array. */
    @Benchmark
    public int ffm_critical() throws Throwable {
        heap.set(JAVA_INT, 0, value);
        return (int) Ffm.SET_CRITICAL.invokeExact(fd, level, number, heap, 4);
    }

    /** JNA direct mapping with a preallocated {@code Memory}. */
    @Benchmark
    public int jna_direct() {
        jnaValue.setInt(0, value);
        return Jna.Direct.setsockopt(fd, level, number, jnaValue, 4);
    }

    /** JNA interface mapping with a preallocated {@code Memory}. */
    @Benchmark
    public int jna_interface() {
        jnaValue.setInt(0, value);
        return Jna.LibC.INSTANCE.setsockopt(fd, level, number, jnaValue, 4);
    }

    /** A JNI shim that calls {@code setsockopt} on a stack int. */
    @Benchmark
    public int jni() {
        return Natives.jniSetInt(fd, level, number, value);
    }
}
