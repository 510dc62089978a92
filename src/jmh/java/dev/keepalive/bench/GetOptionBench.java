package dev.keepalive.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import com.sun.jna.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One {@code getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &value, &length)} on a connected loopback socket
 * through each raw mechanism, as {@link SetOptionBench} does for {@code setsockopt}. Each row resets the
 * length to 4 and returns the value read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GetOptionBench extends LoopbackSockets {

    private static final SockOpt OPTION = SockOpt.SO_KEEPALIVE;

    private MemorySegment value;
    private MemorySegment length;
    private MemorySegment capture;
    private MemorySegment heap;
    private MemorySegment heapLength;
    private Memory jnaValue;
    private Memory jnaLength;

    @Override
    protected void prepare() throws Throwable {
        value = Arena.ofAuto().allocate(JAVA_INT);
        length = Arena.ofAuto().allocate(JAVA_INT);
        capture = Arena.ofAuto().allocate(Ffm.CAPTURE_SIZE);
        heap = MemorySegment.ofArray(new int[2]);
        heapLength = heap.asSlice(4, 4);
        jnaValue = new Memory(4);
        jnaLength = new Memory(4);
        channel.setOption(java.net.StandardSocketOptions.SO_KEEPALIVE, true);
        check(ffm_plain() == 1, "getsockopt");
        if (Natives.AVAILABLE) {
            check(c_loop() == 0, "the C loop");
        }
    }

    /** The same call in a C loop: the cost of the system call itself, per operation. */
    @Benchmark
    @OperationsPerInvocation(SetOptionBench.BATCH)
    public int c_loop() throws Throwable {
        return (int) Natives.GET_LOOP.invokeExact(fd, OPTION.level, OPTION.number, SetOptionBench.BATCH);
    }

    /** A plain downcall with segments allocated once. */
    @Benchmark
    public int ffm_plain() throws Throwable {
        length.set(JAVA_INT, 0, 4);
        int result = (int) Ffm.GET_PLAIN.invokeExact(fd, OPTION.level, OPTION.number, value, length);
        return result == 0 ? value.get(JAVA_INT, 0) : -1;
    }

    /**
     * A plain downcall made while holding the channel's close lock: the safe floor for the library's
     * {@code isEnabled}, which must hold that lock so that a concurrent close cannot release the descriptor.
     */
    @Benchmark
    public int ffm_plainLocked() throws Throwable {
        synchronized (closeLock) {
            length.set(JAVA_INT, 0, 4);
            int result = (int) Ffm.GET_PLAIN.invokeExact(fd, OPTION.level, OPTION.number, value, length);
            return result == 0 ? value.get(JAVA_INT, 0) : -1;
        }
    }

    /** The same with {@code captureCallState("errno")}. */
    @Benchmark
    public int ffm_errno() throws Throwable {
        length.set(JAVA_INT, 0, 4);
        int result = (int) Ffm.GET_ERRNO.invokeExact(capture, fd, OPTION.level, OPTION.number, value, length);
        return result == 0 ? value.get(JAVA_INT, 0) : -1;
    }

    /** The naive way: a new confined arena per call for the value and the length. */
    @Benchmark
    public int ffm_arenaPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment localValue = arena.allocate(JAVA_INT);
            MemorySegment localLength = arena.allocateFrom(JAVA_INT, 4);
            int result = (int) Ffm.GET_PLAIN.invokeExact(fd, OPTION.level, OPTION.number, localValue, localLength);
            return result == 0 ? localValue.get(JAVA_INT, 0) : -1;
        }
    }

    /** {@code critical(true)} with the value and the length in one Java array. */
    @Benchmark
    public int ffm_critical() throws Throwable {
        heapLength.set(JAVA_INT, 0, 4);
        int result = (int) Ffm.GET_CRITICAL.invokeExact(fd, OPTION.level, OPTION.number, heap, heapLength);
        return result == 0 ? heap.get(JAVA_INT, 0) : -1;
    }

    /** JNA direct mapping with preallocated {@code Memory}. */
    @Benchmark
    public int jna_direct() {
        jnaLength.setInt(0, 4);
        int result = Jna.Direct.getsockopt(fd, OPTION.level, OPTION.number, jnaValue, jnaLength);
        return result == 0 ? jnaValue.getInt(0) : -1;
    }

    /** JNA interface mapping with preallocated {@code Memory}. */
    @Benchmark
    public int jna_interface() {
        jnaLength.setInt(0, 4);
        int result = Jna.LibC.INSTANCE.getsockopt(fd, OPTION.level, OPTION.number, jnaValue, jnaLength);
        return result == 0 ? jnaValue.getInt(0) : -1;
    }

    /** A JNI shim that calls {@code getsockopt} on stack variables. */
    @Benchmark
    public int jni() {
        return Natives.jniGetInt(fd, OPTION.level, OPTION.number);
    }
}
