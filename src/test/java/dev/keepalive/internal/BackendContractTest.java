package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A view of a JDK socket tells its backend which socket owns the handle only where the backend says it remembers
 * something per handle: a backend that overrides {@code attach} and forgot to say so would never be told, and
 * would keep what it remembered about a closed socket for the next socket given the same number.
 */
class BackendContractTest {

    @Test
    void everyBackendThatOverridesAttachSaysItRemembersPerHandle() throws Exception {
        Class<?> mac = Class.forName("dev.keepalive.internal.posix.MacBackend");
        List<Class<?>> backends = List.of(SockoptBackend.class, mac,
                Class.forName("dev.keepalive.internal.windows.KeepAliveValsBackend"));
        for (Class<?> backend : backends) {
            boolean overridesAttach = backend.getMethod("attach", long.class, Object.class).getDeclaringClass()
                    != Backend.class;
            boolean says = backend.getMethod("remembersPerHandle").getDeclaringClass() != Backend.class;
            assertThat(says).as(backend.getSimpleName() + " overrides attach, so it must say it remembers")
                    .isEqualTo(overridesAttach);
        }
        assertThat(mac.getMethod("attach", long.class, Object.class).getDeclaringClass())
                .as("the check above can see an override").isEqualTo(mac);
    }
}
