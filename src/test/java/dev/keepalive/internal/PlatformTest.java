package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.Platform.Os;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PlatformTest {

    @Test
    void osNamesMapToFamilies() {
        assertThat(Os.of("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.of("Mac OS X")).isEqualTo(Os.MACOS);
        assertThat(Os.of("Darwin")).isEqualTo(Os.MACOS);
        assertThat(Os.of("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.of("Windows Server 2022")).isEqualTo(Os.WINDOWS);
        assertThat(Os.of("FreeBSD")).isEqualTo(Os.OTHER);
        assertThat(Os.of("")).isEqualTo(Os.OTHER);
    }

    @Test
    void displayNamesAreTheReportsNamesAndOnlyThose() {
        assertThat(Os.ofDisplayName("macOS")).isEqualTo(Os.MACOS);
        assertThat(Os.ofDisplayName("Windows")).isEqualTo(Os.WINDOWS);
        assertThatThrownBy(() -> Os.ofDisplayName("other")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Os.ofDisplayName("linux")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handlesAreCheckedByTheOsRules() {
        assertThatThrownBy(() -> Platform.checkHandle(Os.WINDOWS, -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the handle is INVALID_SOCKET");
        Platform.checkHandle(Os.WINDOWS, 0x1F4);
        assertThatThrownBy(() -> Platform.checkHandle(Os.LINUX, -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative int");
        assertThatThrownBy(() -> Platform.checkHandle(Os.MACOS, 1L << 31)).isInstanceOf(IllegalArgumentException.class);
        Platform.checkHandle(Os.MACOS, Integer.MAX_VALUE);
    }

    @Test
    void anUnknownOsHasNoBackend() {
        assertThat(Platform.create(Os.OTHER)).isNull();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxGetsThePosixBackendWithLinuxNames() {
        assertThat(Platform.os()).isEqualTo(Os.LINUX);
        assertThat(Platform.backend().table().os()).isEqualTo(Os.LINUX);
        assertThat(Platform.backend().table().require(Setting.IDLE).name()).isEqualTo("TCP_KEEPIDLE");
        assertThat(Platform.backend()).isSameAs(Platform.backend());
    }
}
