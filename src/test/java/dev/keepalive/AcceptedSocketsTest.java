package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.Platform;
import org.junit.jupiter.api.Test;

/** Which OS families are trusted to hand a listener's keep-alive settings down to accepted sockets. */
class AcceptedSocketsTest {

    @Test
    void onlyLinuxIsTrustedToInheritEverySetting() {
        assertThat(AcceptedSockets.inheritedBy(Platform.Os.LINUX)).isTrue();
        assertThat(AcceptedSockets.inheritedBy(Platform.Os.MACOS)).as("idle time not copied by XNU").isFalse();
        assertThat(AcceptedSockets.inheritedBy(Platform.Os.WINDOWS)).as("not documented").isFalse();
        assertThat(AcceptedSockets.inheritedBy(Platform.Os.OTHER)).isFalse();
    }
}
