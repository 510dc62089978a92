package dev.keepalive.bench;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What a server pays per accepted connection: making the view, {@code SocketKeepAlive.of(channel)}, alone;
 * then the view and one {@code apply(idle, interval, probes)} on it, against the JDK's four {@code setOption}
 * calls and the C loop of the same system calls the apply makes. The view is made on the same connected
 * channel each time (a {@code SocketChannelImpl}, the class {@code accept()} returns too), so the rows time
 * the library's work and not the kernel's {@code accept}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectionBench extends LoopbackSockets {

    private KeepAlive settings;

    @Override
    protected void prepare() throws Throwable {
        settings = KeepAlive.builder()
                .idle(Duration.ofSeconds(SockOpt.TCP_KEEPIDLE.value))
                .interval(Duration.ofSeconds(SockOpt.TCP_KEEPINTVL.value))
                .probes(SockOpt.TCP_KEEPCNT.value)
                .build();
        check(library_ofApply().probes().orElse(0) == SockOpt.TCP_KEEPCNT.value, "of(channel).apply");
        if (Natives.AVAILABLE) {
            check(c_applyLoop() == 0, "the C loop");
        }
    }

    /** {@code SocketKeepAlive.of(channel)}: the view alone, returned so that it is not optimised away. */
    @Benchmark
    public SocketKeepAlive library_of() {
        return SocketKeepAlive.of(channel);
    }

    /** {@code SocketKeepAlive.of(channel).apply(idle 30 s, interval 5 s, probes 3)}: a new view per call. */
    @Benchmark
    public KeepAlive library_ofApply() throws Exception {
        return SocketKeepAlive.of(channel).apply(settings);
    }

    /** The JDK's way: four {@code setOption} calls on the channel. */
    @Benchmark
    public void jdk_fourSetOptions() throws Exception {
        channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, SockOpt.TCP_KEEPIDLE.value);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, SockOpt.TCP_KEEPINTVL.value);
        channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, SockOpt.TCP_KEEPCNT.value);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    /** The system calls the library's apply makes, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(CompositeBench.BATCH)
    public int c_applyLoop() throws Throwable {
        return (int) Natives.APPLY_LOOP.invokeExact(fd, SockOpt.TCP_KEEPIDLE.value, SockOpt.TCP_KEEPINTVL.value,
                SockOpt.TCP_KEEPCNT.value, CompositeBench.BATCH);
    }
}
