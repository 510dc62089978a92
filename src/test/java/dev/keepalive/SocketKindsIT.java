package dev.keepalive;

import dev.keepalive.testing.Scenarios;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link SocketKindsScenarios} on both of the library's paths: here, where the JVM opens {@code java.base} to
 * it (the native handle), and in a child JVM that does not (the JDK's options).
 */
@EnabledOnOs(OS.LINUX)
class SocketKindsIT {

    @TestFactory
    Stream<DynamicTest> withTheJvmFlags() {
        return Scenarios.here(SocketKindsScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> withoutTheJvmFlags() throws Exception {
        return Scenarios.inChild(SocketKindsScenarios.class, Scenarios.WITHOUT_OPENS, SocketKindsScenarios.all());
    }
}
