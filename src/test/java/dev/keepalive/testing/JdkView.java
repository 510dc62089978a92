package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.posix.gen.posix_h;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * A channel's keep-alive settings read without the library: the JDK's own options for the four it offers,
 * and a plain {@code getsockopt(TCP_USER_TIMEOUT)} for the one it does not (Linux).
 */
public final class JdkView {

    private JdkView() {
    }

    /** Reads a connected channel's settings; its descriptor is found by reflection. */
    public static KeepAlive of(NetworkChannel channel) throws IOException {
        return of(channel, Descriptors.of(channel));
    }

    /** Reads a channel's settings, the user timeout through the given descriptor. */
    public static KeepAlive of(NetworkChannel channel, int fd) throws IOException {
        return KeepAlive.builder()
                .enabled(channel.getOption(StandardSocketOptions.SO_KEEPALIVE))
                .idle(Duration.ofSeconds(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)))
                .interval(Duration.ofSeconds(channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                .probes(channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                .userTimeout(Duration.ofMillis(
                        Descriptors.getsockopt(fd, posix_h.IPPROTO_TCP(), posix_h.TCP_USER_TIMEOUT())))
                .build();
    }
}
