package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.posix.gen.posix_h;
import java.io.IOException;
import java.net.Socket;
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

    /**
     * Reads the four settings the JDK offers on a {@link Socket}, through the socket's own {@code getOption}:
     * for a {@code Socket} that is the connection the JDK itself reaches, whatever the library thinks it is.
     */
    public static KeepAlive of(Socket socket) throws IOException {
        return KeepAlive.builder()
                .enabled(socket.getOption(StandardSocketOptions.SO_KEEPALIVE))
                .idle(Duration.ofSeconds(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)))
                .interval(Duration.ofSeconds(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                .probes(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                .build();
    }

    /** The fields of some settings that the JDK's options cover: all but the user timeout. */
    public static KeepAlive jdkFields(KeepAlive settings) {
        KeepAlive.Builder fields = KeepAlive.builder().enabled(settings.enabled());
        settings.idle().ifPresent(fields::idle);
        settings.interval().ifPresent(fields::interval);
        settings.probes().ifPresent(fields::probes);
        return fields.build();
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
