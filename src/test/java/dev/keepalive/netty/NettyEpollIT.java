package dev.keepalive.netty;

import static dev.keepalive.testing.Settings.WANTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The recipe for Netty's epoll transport on a real Netty connection over loopback: the channel's descriptor
 * ({@code EpollSocketChannel.fd().intValue()}) given to {@link SocketKeepAlive#ofHandle(long)} on the channel's
 * event loop, where Netty also closes it (unless {@code SO_LINGER} is above 0). Values are read back with a plain {@code getsockopt} and through
 * Netty's own {@code EpollChannelOption}s.
 */
@EnabledOnOs(OS.LINUX)
class NettyEpollIT {

    private EventLoopGroup boss;
    private EventLoopGroup workers;

    @BeforeEach
    void startLoops() {
        assumeTrue(Epoll.isAvailable(), () -> "Netty's epoll transport cannot load: " + Epoll.unavailabilityCause());
        boss = new EpollEventLoopGroup(1);
        workers = new EpollEventLoopGroup(1);
    }

    @AfterEach
    void stopLoops() throws InterruptedException {
        for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
            if (group != null) {
                assertThat(group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** The raw values of a descriptor, read without the library. */
    private static KeepAlive readRaw(int fd) {
        int tcp = posix_h.IPPROTO_TCP();
        return KeepAlive.builder()
                .enabled(Descriptors.getsockopt(fd, posix_h.SOL_SOCKET(), posix_h.SO_KEEPALIVE()) != 0)
                .idle(Duration.ofSeconds(Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPIDLE())))
                .interval(Duration.ofSeconds(Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPINTVL())))
                .probes(Descriptors.getsockopt(fd, tcp, posix_h.TCP_KEEPCNT()))
                .userTimeout(Duration.ofMillis(Descriptors.getsockopt(fd, tcp, posix_h.TCP_USER_TIMEOUT())))
                .build();
    }

    /** The values as Netty's epoll transport reads them. */
    private static KeepAlive readByNetty(EpollSocketChannel channel) {
        return KeepAlive.builder()
                .enabled(channel.config().isKeepAlive())
                .idle(Duration.ofSeconds(channel.config().getOption(EpollChannelOption.TCP_KEEPIDLE)))
                .interval(Duration.ofSeconds(channel.config().getOption(EpollChannelOption.TCP_KEEPINTVL)))
                .probes(channel.config().getOption(EpollChannelOption.TCP_KEEPCNT))
                .userTimeout(Duration.ofMillis(channel.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT)))
                .build();
    }

    @Test
    void acceptedAndConnectedEpollChannelsTakeTheSettings() throws Exception {
        CompletableFuture<EpollSocketChannel> acceptedChannel = new CompletableFuture<>();
        CompletableFuture<KeepAlive> appliedOnAccept = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(boss, workers).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel channel) {
                        // runs on the channel's event loop, before any read: the descriptor is open here
                        try {
                            appliedOnAccept.complete(SocketKeepAlive.ofHandle(channel.fd().intValue()).apply(WANTED));
                        } catch (Exception | Error failure) {
                            appliedOnAccept.completeExceptionally(failure);
                        }
                        acceptedChannel.complete(channel);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            EpollSocketChannel client = (EpollSocketChannel) new Bootstrap().group(workers)
                    .channel(EpollSocketChannel.class)
                    .handler(new ChannelInitializer<EpollSocketChannel>() {
                        @Override
                        protected void initChannel(EpollSocketChannel channel) {
                            // nothing: the client is configured after it connects
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            try {
                KeepAlive initial = readRaw(client.fd().intValue());
                assertThat(initial.enabled()).isFalse();
                assertThat(initial).isNotEqualTo(WANTED);
                // from outside the event loop: hand the call to it, so that it cannot meet a close
                KeepAlive applied = client.eventLoop()
                        .submit(() -> SocketKeepAlive.ofHandle(client.fd().intValue()).apply(WANTED))
                        .get(5, TimeUnit.SECONDS);

                assertThat(applied).isEqualTo(WANTED);
                assertThat(readRaw(client.fd().intValue())).isEqualTo(WANTED);
                assertThat(readByNetty(client)).isEqualTo(WANTED);

                assertThat(appliedOnAccept.get(5, TimeUnit.SECONDS)).isEqualTo(WANTED);
                EpollSocketChannel accepted = acceptedChannel.get(5, TimeUnit.SECONDS);
                assertThat(readRaw(accepted.fd().intValue())).isEqualTo(WANTED);
                assertThat(readByNetty(accepted)).isEqualTo(WANTED);
            } finally {
                client.close().await(5, TimeUnit.SECONDS);
            }
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theListeningEpollChannelsSettingsAreInheritedOnLinux() throws Exception {
        CompletableFuture<EpollSocketChannel> acceptedChannel = new CompletableFuture<>();
        EpollServerSocketChannel server = (EpollServerSocketChannel) new ServerBootstrap().group(boss, workers)
                .channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollSocketChannel>() {
                    @Override
                    protected void initChannel(EpollSocketChannel channel) {
                        acceptedChannel.complete(channel);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            KeepAlive applied = server.eventLoop()
                    .submit(() -> SocketKeepAlive.ofHandle(server.fd().intValue()).apply(WANTED))
                    .get(5, TimeUnit.SECONDS);
            assertThat(applied).isEqualTo(WANTED);
            Channel client = new Bootstrap().group(workers).channel(EpollSocketChannel.class)
                    .handler(new ChannelInitializer<EpollSocketChannel>() {
                        @Override
                        protected void initChannel(EpollSocketChannel channel) {
                            // nothing
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            try {
                EpollSocketChannel accepted = acceptedChannel.get(5, TimeUnit.SECONDS);
                assertThat(readRaw(accepted.fd().intValue())).isEqualTo(WANTED);
                assertThat(readRaw(((EpollSocketChannel) client).fd().intValue()).enabled()).isFalse();
            } finally {
                client.close().await(5, TimeUnit.SECONDS);
            }
        } finally {
            server.close().await(5, TimeUnit.SECONDS);
        }
    }
}
