package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keepalive.testing.Descriptors;
import dev.keepalive.internal.posix.gen.posix_h;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A refused call names itself: a read ({@code getsockopt}) or a change ({@code setsockopt}), with the option,
 * as the error table in docs/errors.md gives them. A change through {@code apply} reads first, so on a socket that
 * refuses every option it fails on a read, having changed nothing.
 */
@EnabledOnOs(OS.LINUX)
class FailedCallIT {

    private static final KeepAlive IDLE = KeepAlive.builder().idle(Duration.ofSeconds(30)).build();

    private interface Call {
        void run() throws Exception;
    }

    private static String failure(Call call) {
        SocketOptionException e = catchThrowableOfType(SocketOptionException.class, call::run);
        assertThat(e).as("a SocketOptionException").isNotNull();
        assertThat(e.getMessage()).startsWith(e.operation() + "(" + e.option() + ") failed: " + e.errorName());
        return e.operation() + " " + e.option() + " " + e.errorName();
    }

    @Test
    void aClosedDescriptor() throws Exception {
        SocketChannel channel = SocketChannel.open();
        SocketKeepAlive view = SocketKeepAlive.ofHandle(Descriptors.of(channel));
        channel.close();
        assertThat(failure(() -> view.setEnabled(true))).isEqualTo("setsockopt SO_KEEPALIVE EBADF");
        assertThat(failure(() -> view.setIdle(Duration.ofSeconds(3)))).isEqualTo("setsockopt TCP_KEEPIDLE EBADF");
        assertThat(failure(() -> view.apply(IDLE))).isEqualTo("getsockopt SO_KEEPALIVE EBADF");
        assertThat(failure(view::current)).isEqualTo("getsockopt SO_KEEPALIVE EBADF");
        assertThat(failure(view::isEnabled)).isEqualTo("getsockopt SO_KEEPALIVE EBADF");
    }

    @Test
    void aUdpSocket() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open()) {
            SocketKeepAlive view = SocketKeepAlive.ofHandle(Descriptors.of(udp));
            assertThat(failure(() -> view.setIdle(Duration.ofSeconds(3))))
                    .isEqualTo("setsockopt TCP_KEEPIDLE ENOPROTOOPT");
            // apply reads first what it may have to restore; the idle time, set last here, needs no restoring
            assertThat(failure(() -> view.apply(IDLE))).isEqualTo("getsockopt TCP_KEEPINTVL ENOPROTOOPT");
            assertThat(failure(view::current)).isEqualTo("getsockopt TCP_KEEPIDLE ENOPROTOOPT");
            // nothing was changed by the apply that failed on its read
            assertThat(Descriptors.getsockopt(Descriptors.of(udp), posix_h.SOL_SOCKET(), posix_h.SO_KEEPALIVE()))
                    .as("SO_KEEPALIVE").isZero();
        }
    }
}
