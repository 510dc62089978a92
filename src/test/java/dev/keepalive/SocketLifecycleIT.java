package dev.keepalive;

import dev.keepalive.testing.Scenarios;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link SocketLifecycleScenarios} on both of the library's paths: here, where the JVM opens {@code java.base}
 * to it (the native handle), and in a child JVM that does not (the JDK's options).
 */
@EnabledOnOs(OS.LINUX)
class SocketLifecycleIT {

    @TestFactory
    Stream<DynamicTest> withTheJvmFlags() {
        return Scenarios.here(SocketLifecycleScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> withoutTheJvmFlags() throws Exception {
        return Scenarios.inChild(SocketLifecycleScenarios.class, Scenarios.WITHOUT_OPENS,
                SocketLifecycleScenarios.all());
    }
}
