package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    void anUnknownOsHasNoBackend() {
        assertThat(Platform.create(Os.OTHER)).isNull();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxGetsThePosixBackendWithLinuxNames() {
        assertThat(Platform.os()).isEqualTo(Os.LINUX);
        assertThat(Platform.backend().table().os()).isEqualTo("Linux");
        assertThat(Platform.backend().table().require(Setting.IDLE).name()).isEqualTo("TCP_KEEPIDLE");
        assertThat(Platform.backend()).isSameAs(Platform.backend());
    }
}
