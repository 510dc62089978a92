package dev.keepalive.bench;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.Access;
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

/**
 * The library's whole-settings calls, {@code apply(idle, interval, probes)} and {@code current()}, against
 * the C loops of the same system calls and against the JDK calls a user would make instead. On Linux an
 * apply reads the settings (to roll back on failure, and as the base of its result) except the probe count,
 * which it sets last, then sets {@code SO_KEEPALIVE}, idle, interval and probes: 8 calls.
 * {@code c_applyLoop} makes those 8; {@code c_applySetsLoop} only the 4 sets, which is all a bare C program
 * would do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompositeBench extends LoopbackSockets {

    /** Operations per C-loop call; an apply is 8 system calls. */
    static final int BATCH = 100;

    private SocketKeepAlive keepAlive;
    private KeepAlive settings;

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
