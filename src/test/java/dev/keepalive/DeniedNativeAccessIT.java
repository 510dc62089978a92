package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.testing.DeniedNativeAccessProbe;
import dev.keepalive.testing.Jvm;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The library in a JVM that denies it native access ({@code --illegal-native-access=deny}, no
 * {@code --enable-native-access}), as JEP 472 plans to make the default: JDK sockets keep working through the
 * JDK's options, raw handles fail with an exception that names the flag to add, every time, and the user is
 * told once. Run on the packaged jar, from the class path and from the module path.
 */
@EnabledOnOs(OS.LINUX)
class DeniedNativeAccessIT {

    private static final String JAR = System.getProperty("keepalive.jar", "target/socket-keepalive.jar");
    private static final String TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath().toString();

    @BeforeAll
    static void needsAJdkThatCanDeny() {
        assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access exists from JDK 24 on");
    }

    @Test
    void onTheClassPath() throws Exception {
        String opens = "ALL-UNNAMED";
        Jvm.Result result = run(opens, List.of("-cp", JAR + File.pathSeparator + TEST_CLASSES));
        assertDegraded(result, "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void onTheModulePath() throws Exception {
        String opens = "dev.keepalive,ALL-UNNAMED"; // the probe reads a descriptor by reflection itself
        Jvm.Result result = run(opens, List.of("-p", JAR, "--add-modules", "dev.keepalive", "-cp", TEST_CLASSES));
        assertDegraded(result, "--enable-native-access=dev.keepalive");
    }

    private static Jvm.Result run(String opensTo, List<String> paths) throws Exception {
        List<String> command = new ArrayList<>(List.of(Jvm.tool("java"), "--illegal-native-access=deny",
                "--add-opens", "java.base/sun.nio.ch=" + opensTo, "--add-opens", "java.base/java.net=" + opensTo));
        command.addAll(paths);
        command.add(DeniedNativeAccessProbe.class.getName());
        return Jvm.exec(command, Duration.ofSeconds(60));
    }

    private static void assertDegraded(Jvm.Result result, String flag) {
        String output = result.output();
        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output.lines()).as(output).contains(
                "channel.apply1=KeepAlive[enabled=true, idle=PT21S, interval=PT6S, probes=3]",
                "channel.jdk1=true/21/6/3",
                "channel.apply2=KeepAlive[enabled=true, idle=PT22S, interval=PT7S, probes=4]",
                "channel.jdk2=true/22/7/4",
                "socket.jdk=7",
                "handle.enabled=false");
        for (String round : List.of("handle1=", "handle2=")) {
            assertThat(output.lines().filter(line -> line.startsWith(round)))
                    .as(output).singleElement().asString()
                    .startsWith(round + UnsupportedOperationException.class.getName() + ": ").contains(flag);
        }
        assertThat(output.lines().filter(line -> line.startsWith("channel.access=")))
                .as(output).singleElement().asString().contains("JDK socket options").contains(flag);
        assertThat(output.lines().filter(line -> line.startsWith("capabilities.notes=")))
                .as(output).singleElement().asString().contains(flag);
        assertThat(output.lines().filter(line -> line.startsWith("WARNING:") && line.contains(flag)))
                .as("the library says it once, through System.Logger: " + output).hasSize(1);
        assertThat(output).doesNotContain("Error", "Exception in thread");
    }
}
