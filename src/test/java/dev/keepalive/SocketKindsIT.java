package dev.keepalive;

import dev.keepalive.testing.Scenarios;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link SocketKindsScenarios} on each of the library's paths: here, where the JVM opens {@code java.base} to it,
 * the JDK's TLS implementation included (the native handle of the socket under TLS layers); in a child JVM that
 * opens all but the TLS implementation (a layered TLS socket through its own options, the rest natively); and in
 * one that opens nothing (the JDK's options).
 */
@EnabledOnOs(OS.LINUX)
class SocketKindsIT {

    @TestFactory
    Stream<DynamicTest> withTheJvmFlags() {
        return Scenarios.here(SocketKindsScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> withoutTheTlsFlag() throws Exception {
        return Scenarios.inChild(SocketKindsScenarios.class, Scenarios.WITHOUT_TLS_OPENS,
                SocketKindsScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> withoutTheJvmFlags() throws Exception {
        return Scenarios.inChild(SocketKindsScenarios.class, Scenarios.WITHOUT_OPENS, SocketKindsScenarios.all());
    }
}
