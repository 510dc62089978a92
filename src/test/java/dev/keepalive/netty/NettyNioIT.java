package dev.keepalive.netty;

import static dev.keepalive.testing.Settings.WANTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.Access;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.JdkView;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The recipe for Netty's NIO transport on a real Netty connection over loopback. Netty keeps the JDK channel
 * behind the protected {@code javaChannel()}; the channel classes below are the documented way to reach it:
 * subclasses that expose it, given to the bootstraps. Values are read back through the JDK channel's own
 * {@code getOption} ({@code ExtendedSocketOptions}) and a plain {@code getsockopt} for the user timeout.
 */
@EnabledOnOs(OS.LINUX)
class NettyNioIT {

    /** A Netty NIO socket channel that shows its JDK channel. */
    static final class ExposedNioSocketChannel extends NioSocketChannel {
        ExposedNioSocketChannel() {
        }

        ExposedNioSocketChannel(Channel parent, SocketChannel socket) {
            super(parent, socket);
        }

        SocketChannel socketChannel() {
            return javaChannel();
        }
    }

    /** A Netty NIO server channel that shows its JDK channel and makes its children show theirs. */
    static final class ExposedNioServerSocketChannel extends NioServerSocketChannel {
        ServerSocketChannel serverSocketChannel() {
            return javaChannel();
        }

        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            SocketChannel accepted = javaChannel().accept(); // non-blocking: null when nothing is pending
            if (accepted == null) {
                return 0;
            }
            try {
                buf.add(new ExposedNioSocketChannel(this, accepted));
                return 1;
            } catch (RuntimeException | Error failure) {
                accepted.close();
                throw failure;
            }
        }
    }

    private EventLoopGroup boss;
    private EventLoopGroup workers;

    @BeforeEach
    void startLoops() {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(1);
    }

    @AfterEach
    void stopLoops() throws InterruptedException {
        for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
            assertThat(group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Channel bind(ChannelInitializer<ExposedNioSocketChannel> children) throws InterruptedException {
        return new ServerBootstrap().group(boss, workers)
                .channelFactory(ExposedNioServerSocketChannel::new)
                .childHandler(children)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    private ExposedNioSocketChannel connect(Channel server) throws InterruptedException {
        return (ExposedNioSocketChannel) new Bootstrap().group(workers)
                .channelFactory(ExposedNioSocketChannel::new)
                .handler(new ChannelInitializer<ExposedNioSocketChannel>() {
                    @Override
                    protected void initChannel(ExposedNioSocketChannel channel) {
                        // nothing: the client is configured after it connects
                    }
                })
                .connect(server.localAddress()).sync().channel();
    }

    @Test
    void acceptedAndConnectedNioChannelsTakeTheSettings() throws Exception {
        CompletableFuture<ExposedNioSocketChannel> acceptedChannel = new CompletableFuture<>();
        CompletableFuture<KeepAlive> appliedOnAccept = new CompletableFuture<>();
        Channel server = bind(new ChannelInitializer<>() {
            @Override
            protected void initChannel(ExposedNioSocketChannel channel) {
                try {
                    appliedOnAccept.complete(SocketKeepAlive.of(channel.socketChannel()).apply(WANTED));
                } catch (Exception | Error failure) {
                    appliedOnAccept.completeExceptionally(failure);
                }
                acceptedChannel.complete(channel);
            }
        });
        try {
            ExposedNioSocketChannel client = connect(server);
            try {
                KeepAlive initial = JdkView.of(client.socketChannel());
                assertThat(initial.enabled()).isFalse();
                assertThat(initial).isNotEqualTo(WANTED);
                // a JDK channel guards its own descriptor, so any thread may make the call
                SocketKeepAlive keepAlive = SocketKeepAlive.of(client.socketChannel());
                assertThat(keepAlive.access()).isEqualTo(Access.NATIVE_HANDLE.text());
                assertThat(keepAlive.apply(WANTED)).isEqualTo(WANTED);
                assertThat(JdkView.of(client.socketChannel())).isEqualTo(WANTED);

                assertThat(appliedOnAccept.get(5, TimeUnit.SECONDS)).isEqualTo(WANTED);
                assertThat(JdkView.of(acceptedChannel.get(5, TimeUnit.SECONDS).socketChannel())).isEqualTo(WANTED);
            } finally {
                client.close().await(5, TimeUnit.SECONDS);
            }
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theListeningNioChannelsSettingsAreInheritedOnLinux() throws Exception {
        CompletableFuture<ExposedNioSocketChannel> acceptedChannel = new CompletableFuture<>();
        ExposedNioServerSocketChannel server = (ExposedNioServerSocketChannel) bind(new ChannelInitializer<>() {
            @Override
            protected void initChannel(ExposedNioSocketChannel channel) {
                acceptedChannel.complete(channel);
            }
        });
        try {
            assertThat(SocketKeepAlive.of(server.serverSocketChannel()).apply(WANTED)).isEqualTo(WANTED);
            Channel client = connect(server);
            try {
                assertThat(JdkView.of(acceptedChannel.get(5, TimeUnit.SECONDS).socketChannel())).isEqualTo(WANTED);
            } finally {
                client.close().await(5, TimeUnit.SECONDS);
            }
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void nettysOwnNioChannelOptionsAreSeenByTheLibrary() throws Exception {
        CompletableFuture<ExposedNioSocketChannel> acceptedChannel = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(boss, workers)
                .channelFactory(ExposedNioServerSocketChannel::new)
                .childOption(NioChannelOption.of(StandardSocketOptions.SO_KEEPALIVE), true)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), 45)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), 6)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), 3)
                .childHandler(new ChannelInitializer<ExposedNioSocketChannel>() {
                    @Override
                    protected void initChannel(ExposedNioSocketChannel channel) {
                        acceptedChannel.complete(channel);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            Channel client = connect(server);
            try {
                KeepAlive current = SocketKeepAlive.of(acceptedChannel.get(5, TimeUnit.SECONDS).socketChannel())
                        .current();
                assertThat(current.enabled()).isTrue();
                assertThat(current.idle()).contains(Duration.ofSeconds(45));
                assertThat(current.interval()).contains(Duration.ofSeconds(6));
                assertThat(current.probes()).hasValue(3);
            } finally {
                client.close().await(5, TimeUnit.SECONDS);
            }
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }
}
