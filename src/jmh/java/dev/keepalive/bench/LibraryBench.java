package dev.keepalive.bench;

import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.Access;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The library's single-option calls through its public API,
 * {@link SocketKeepAlive#of(java.nio.channels.SocketChannel)},
 * on the socket of the other classes' rows: everything a user's call costs (the close lock, the open check,
 * the range check and unit conversion, the downcall). The values are those of {@link SockOpt}, so each row
 * pairs with the {@code c_loop} row of {@link SetOptionBench} or {@link GetOptionBench} for the same option.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LibraryBench extends LoopbackSockets {

    private SocketKeepAlive keepAlive;
    private Duration idle;
    private Duration interval;
    private int probes;
    private Duration userTimeout;

    @Override
    protected void prepare() throws Throwable {
        keepAlive = SocketKeepAlive.of(channel);
        check(keepAlive.access().equals(Access.NATIVE_HANDLE.text()), "reaching the descriptor (--add-opens missing?)");
        idle = Duration.ofSeconds(SockOpt.TCP_KEEPIDLE.value);
        interval = Duration.ofSeconds(SockOpt.TCP_KEEPINTVL.value);
        probes = SockOpt.TCP_KEEPCNT.value;
        userTimeout = Duration.ofMillis(SockOpt.TCP_USER_TIMEOUT.value);
    }

    /** {@code setsockopt(SO_KEEPALIVE, 1)}. */
    @Benchmark
    public void library_setEnabled() throws Exception {
        keepAlive.setEnabled(true);
    }

    /** {@code getsockopt(SO_KEEPALIVE)}. */
    @Benchmark
    public boolean library_isEnabled() throws Exception {
        return keepAlive.isEnabled();
    }

    /** {@code setsockopt(TCP_KEEPIDLE, 30)} from a {@code Duration}. */
    @Benchmark
    public void library_setIdle() throws Exception {
        keepAlive.setIdle(idle);
    }

    /** {@code setsockopt(TCP_KEEPINTVL, 5)} from a {@code Duration}. */
    @Benchmark
    public void library_setInterval() throws Exception {
        keepAlive.setInterval(interval);
    }

    /** {@code setsockopt(TCP_KEEPCNT, 3)}. */
    @Benchmark
    public void library_setProbes() throws Exception {
        keepAlive.setProbes(probes);
    }

    /** {@code setsockopt(TCP_USER_TIMEOUT, 60000)} from a {@code Duration}. */
    @Benchmark
    public void library_setUserTimeout() throws Exception {
        keepAlive.setUserTimeout(userTimeout);
    }
}
