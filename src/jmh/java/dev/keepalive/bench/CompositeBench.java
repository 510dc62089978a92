package dev.keepalive.bench;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.Access;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The library's whole-settings calls, {@code apply(idle, interval, probes)} and {@code current()}, against
 * the C loops of the same system calls and against the JDK calls a user would make instead. On Linux an
 * apply reads the settings (to roll back on failure, and as the base of its result) except the probe count,
 * which it sets last, then sets {@code SO_KEEPALIVE}, idle, interval and probes: 8 calls.
 * {@code c_applyLoop} makes those 8; {@code c_applySetsLoop} only the 4 sets, which is all a bare C program
 * would do. {@code ffm_applyFloor} makes the same 8 as plain FFM downcalls under the channel's close lock, taken
 * once as an apply takes it: the least any safe FFM binding pays for those calls, so that the library's apply
 * over it is what its own Java code costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompositeBench extends LoopbackSockets {

    /** Operations per C-loop call; an apply is 8 system calls. */
    static final int BATCH = 100;

    /** The options an apply reads before it sets anything, in its order: all but the probe count, set last. */
    private static final SockOpt[] APPLY_READS = {SockOpt.SO_KEEPALIVE, SockOpt.TCP_KEEPIDLE, SockOpt.TCP_KEEPINTVL,
        SockOpt.TCP_USER_TIMEOUT};
    /** The options an apply sets, in its order. */
    private static final SockOpt[] APPLY_SETS = {SockOpt.SO_KEEPALIVE, SockOpt.TCP_KEEPIDLE, SockOpt.TCP_KEEPINTVL,
        SockOpt.TCP_KEEPCNT};

    private SocketKeepAlive keepAlive;
    private KeepAlive settings;
    private final MemorySegment value = Arena.ofAuto().allocate(JAVA_INT);
    private final MemorySegment length = Arena.ofAuto().allocate(JAVA_INT);

    @Override
    protected void prepare() throws Throwable {
        keepAlive = SocketKeepAlive.of(channel);
        check(keepAlive.access().equals(Access.NATIVE_HANDLE.text()), "reaching the descriptor (--add-opens missing?)");
        settings = KeepAlive.builder()
                .idle(Duration.ofSeconds(SockOpt.TCP_KEEPIDLE.value))
                .interval(Duration.ofSeconds(SockOpt.TCP_KEEPINTVL.value))
                .probes(SockOpt.TCP_KEEPCNT.value)
                .build();
        check(keepAlive.apply(settings).probes().orElse(0) == SockOpt.TCP_KEEPCNT.value, "apply");
        if (Natives.AVAILABLE) {
            check(c_applyLoop() == 0 && c_currentLoop() == 0, "the C loops");
        }
        check(ffm_applyFloor() == 0, "the FFM floor of an apply");
    }

    /** {@code SocketKeepAlive.apply(idle 30 s, interval 5 s, probes 3)}. */
    @Benchmark
    public KeepAlive library_apply() throws Exception {
        return keepAlive.apply(settings);
    }

    /** {@code SocketKeepAlive.current()}. */
    @Benchmark
    public KeepAlive library_current() throws Exception {
        return keepAlive.current();
    }

    /** The 8 system calls of an apply, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int c_applyLoop() throws Throwable {
        return (int) Natives.APPLY_LOOP.invokeExact(fd, SockOpt.TCP_KEEPIDLE.value, SockOpt.TCP_KEEPINTVL.value,
                SockOpt.TCP_KEEPCNT.value, BATCH);
    }

    /**
     * The 8 system calls of an apply as plain FFM downcalls, the way the library makes them (one preallocated
     * scratch, no {@code errno} capture), under the channel's close lock taken once.
     *
     * @return the number of calls that failed
     */
    @Benchmark
    public int ffm_applyFloor() throws Throwable {
        int failures = 0;
        synchronized (closeLock) {
            for (SockOpt read : APPLY_READS) {
                value.set(JAVA_INT, 0, 0);
                length.set(JAVA_INT, 0, 4);
                failures += (int) Ffm.GET_PLAIN.invokeExact(fd, read.level, read.number, value, length) != 0 ? 1 : 0;
            }
            for (SockOpt set : APPLY_SETS) {
                value.set(JAVA_INT, 0, set.value);
                failures += (int) Ffm.SET_PLAIN.invokeExact(fd, set.level, set.number, value, 4) != 0 ? 1 : 0;
            }
        }
        return failures;
    }

    /** Only the 4 {@code setsockopt} calls of an apply, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int c_applySetsLoop() throws Throwable {
        return (int) Natives.APPLY_SETS_LOOP.invokeExact(fd, SockOpt.TCP_KEEPIDLE.value,
                SockOpt.TCP_KEEPINTVL.value, SockOpt.TCP_KEEPCNT.value, BATCH);
    }

    /** The 5 {@code getsockopt} calls of a {@code current()}, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int c_currentLoop() throws Throwable {
        return (int) Natives.CURRENT_LOOP.invokeExact(fd, BATCH);
    }

    /** The JDK's nearest equivalent of the apply: four {@code setOption} calls (no read-back, no rollback). */
    @Benchmark
    public void jdk_applyEquivalent() throws Exception {
        channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, SockOpt.TCP_KEEPIDLE.value);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, SockOpt.TCP_KEEPINTVL.value);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, SockOpt.TCP_KEEPCNT.value);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    /** The JDK's nearest equivalent of {@code current()}: four {@code getOption} calls (no user timeout). */
    @Benchmark
    public void jdk_currentEquivalent(Blackhole sink) throws Exception {
        sink.consume(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
        sink.consume(channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
        sink.consume(channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        sink.consume(channel.getOption(StandardSocketOptions.SO_KEEPALIVE));
    }
}
