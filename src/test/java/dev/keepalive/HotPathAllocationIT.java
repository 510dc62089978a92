package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Allocations;
import dev.keepalive.testing.Descriptors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The six single-option calls allocate nothing once the JIT has compiled them, on every kind of socket: no
 * arena, no array, no boxing per call. Counted in bytes with the JVM's per-thread allocation counter, never
 * timed. Each view is on the native path: {@code setUserTimeout} succeeds only there for a JDK socket (the JDK's
 * options have no user timeout).
 */
@EnabledOnOs(OS.LINUX)
class HotPathAllocationIT {

    private static final int ITERATIONS_PER_ROUND = 20_000;
    private static final int CALLS_PER_ITERATION = 6;
    private static final int MAX_ROUNDS = 30;

    /** Each kind of socket a view can be made of. */
    enum Kind {
        SOCKET_CHANNEL, SERVER_SOCKET_CHANNEL, SOCKET, SERVER_SOCKET, ASYNCHRONOUS_SOCKET_CHANNEL,
        ASYNCHRONOUS_SERVER_SOCKET_CHANNEL, RAW_HANDLE
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everySingleOptionCallReachesZeroBytesPerCall(Kind kind) throws Exception {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            SocketKeepAlive keepAlive = open(kind, opened);
            Duration idle = Duration.ofSeconds(30);
            Duration interval = Duration.ofSeconds(5);
            Duration userTimeout = Duration.ofMillis(12_345);
            long best = Allocations.bestRound(MAX_ROUNDS, () -> {
                for (int i = 0; i < ITERATIONS_PER_ROUND; i++) {
                    keepAlive.setEnabled((i & 1) == 0);
                    keepAlive.isEnabled();
                    keepAlive.setIdle(idle);
                    keepAlive.setInterval(interval);
                    keepAlive.setProbes(3);
                    keepAlive.setUserTimeout(userTimeout);
                }
            });
            assertThat(best).as("bytes allocated by %d calls on a %s view, best round",
                    ITERATIONS_PER_ROUND * CALLS_PER_ITERATION, kind).isZero();
        } finally {
            for (AutoCloseable resource : opened.reversed()) {
                resource.close();
            }
        }
    }

    /** A view of a socket of that kind on loopback; what it opened is added to the list, to be closed. */
    private static SocketKeepAlive open(Kind kind, List<AutoCloseable> opened) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetSocketAddress any = new InetSocketAddress(loopback, 0);
        switch (kind) {
            case SOCKET_CHANNEL, RAW_HANDLE -> {
                ServerSocketChannel server = ServerSocketChannel.open().bind(any);
                opened.add(server);
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                opened.add(client);
                opened.add(server.accept());
                return kind == Kind.RAW_HANDLE ? SocketKeepAlive.ofHandle(Descriptors.of(client))
                        : SocketKeepAlive.of(client);
            }
            case SERVER_SOCKET_CHANNEL -> {
                ServerSocketChannel server = ServerSocketChannel.open().bind(any);
                opened.add(server);
                return SocketKeepAlive.of(server);
            }
            case SOCKET -> {
                ServerSocket server = new ServerSocket(0, 1, loopback);
                opened.add(server);
                Socket client = new Socket(loopback, server.getLocalPort());
                opened.add(client);
                opened.add(server.accept());
                return SocketKeepAlive.of(client);
            }
            case SERVER_SOCKET -> {
                ServerSocket server = new ServerSocket(0, 1, loopback);
                opened.add(server);
                return SocketKeepAlive.of(server);
            }
            case ASYNCHRONOUS_SOCKET_CHANNEL -> {
                AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open().bind(any);
                opened.add(server);
                AsynchronousSocketChannel client = AsynchronousSocketChannel.open();
                opened.add(client);
                client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);
                opened.add(server.accept().get(10, TimeUnit.SECONDS));
                return SocketKeepAlive.of(client);
            }
            case ASYNCHRONOUS_SERVER_SOCKET_CHANNEL -> {
                AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open().bind(any);
                opened.add(server);
                return SocketKeepAlive.of(server);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }
}
