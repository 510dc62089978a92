package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The JDK-options fallback offers what the JDK itself reports for the socket ({@code supportedOptions()}), as on
 * Windows before 10 1709, where the JDK offers none of {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL} and
 * {@code TCP_KEEPCOUNT} (its {@code keepAliveOptionsSupported0} probe needs all three).
 */
@EnabledOnOs(OS.LINUX)
class JdkOptionsTableTest {

    @Test
    void onlyTheOptionsTheJdkOffersAreInTheTable() {
        List<String> calls = new ArrayList<>();
        JdkOptions.Carrier keepAliveOnly = new JdkOptions.Carrier(
                () -> Set.<SocketOption<?>>of(StandardSocketOptions.SO_KEEPALIVE),
                new JdkOptions.Setter() {
                    @Override
                    public <T> void set(SocketOption<T> option, T value) {
                        calls.add("set " + option.name());
                    }
                },
                new JdkOptions.Getter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get(SocketOption<T> option) {
                        calls.add("get " + option.name());
                        return (T) Boolean.FALSE;
                    }
                });
        Backend backend = JdkOptions.backend(keepAliveOnly, Platform.backend(), "");
        assertThat(backend.table().supports(Setting.IDLE)).isFalse();
        assertThat(backend.table().supports(Setting.PROBES)).isFalse();
        KeepAliveSession session = new KeepAliveSession(SocketGuard.ofJdkOptions(calls), backend, Access.JDK_OPTIONS);
        assertThatThrownBy(() -> session.apply(KeepAlive.builder().idle(Duration.ofSeconds(30)).build()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("--add-opens");
        assertThat(calls).as("refused before any call").isEmpty();
    }
}
