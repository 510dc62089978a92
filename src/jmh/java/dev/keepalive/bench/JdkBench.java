package dev.keepalive.bench;

import java.net.StandardSocketOptions;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What a user would call without the library: the JDK's own socket options. {@code SocketChannel} rows use
 * the same channel as the raw and library rows; the {@code Socket} rows use a plain {@link java.net.Socket}
 * connected over the same loopback (its own descriptor, the same kind of socket). The JDK has no
 * {@code TCP_USER_TIMEOUT}, so that option has no row here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdkBench extends LoopbackSockets {

    /** {@code SocketChannel.setOption(SO_KEEPALIVE, true)}. */
    @Benchmark
    public void jdk_channelSetKeepAlive() throws Exception {
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    /** {@code SocketChannel.getOption(SO_KEEPALIVE)}. */
    @Benchmark
    public boolean jdk_channelGetKeepAlive() throws Exception {
        return channel.getOption(StandardSocketOptions.SO_KEEPALIVE);
    }

    /** {@code Socket.setKeepAlive(true)}. */
    @Benchmark
    public void jdk_socketSetKeepAlive() throws Exception {
        socket.setKeepAlive(true);
    }

    /** {@code Socket.getKeepAlive()}. */
    @Benchmark
    public boolean jdk_socketGetKeepAlive() throws Exception {
        return socket.getKeepAlive();
    }

    /** {@code SocketChannel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 30)}. */
    @Benchmark
    public void jdk_channelSetKeepIdle() throws Exception {
        channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, SockOpt.TCP_KEEPIDLE.value);
    }

    /** {@code SocketChannel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 5)}. */
    @Benchmark
    public void jdk_channelSetKeepInterval() throws Exception {
        channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, SockOpt.TCP_KEEPINTVL.value);
    }

    /** {@code SocketChannel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3)}. */
    @Benchmark
    public void jdk_channelSetKeepCount() throws Exception {
        channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, SockOpt.TCP_KEEPCNT.value);
    }
}
