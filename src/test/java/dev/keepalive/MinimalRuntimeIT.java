package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.MinimalRuntimeProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library on a Java runtime without the {@code jdk.net} module, made here with
 * {@code jlink --add-modules java.base} from the JDK that runs the tests (JDK 24 and later can link from their
 * own run-time image, without JMOD files). On the class path without the JVM options, what the JDK offers there
 * ({@code SO_KEEPALIVE}) works and the rest fails with an exception naming the module; with the options, every
 * setting reaches the socket's descriptor, as the kernel confirms.
 */
@EnabledOnOs(OS.LINUX)
class MinimalRuntimeIT {

    @TempDir
    static Path temp;

    private static Path runtime;

    private static synchronized Path runtime() throws Exception {
        if (runtime == null) {
            Path image = temp.resolve("java-base");
            Jvm.Result linked = Jvm.run("jlink", List.of("--add-modules", "java.base", "--output", image.toString()));
            assumeTrue(linked.exitCode() == 0, "jlink cannot make a java.base runtime here: " + linked.output());
            runtime = image;
        }
        return runtime;
    }

    private static Jvm.Result run(List<String> options, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(runtime().resolve("bin/java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", Jvm.classPath(), mainClass));
        command.addAll(List.of(args));
        return Jvm.exec(command, Duration.ofSeconds(60));
    }

    @Test
    void withoutTheJvmOptionsWhatTheJdkOffersWorksAndTheRestNamesTheModule() throws Exception {
        Jvm.Result result = run(List.of(), MinimalRuntimeProbe.class.getName());
        String output = result.output();
        System.out.println("[MinimalRuntimeIT] without options:\n" + output.strip());

        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output).doesNotContain("Error:", "NoClassDefFoundError");
        assertThat(output.lines()).contains(
                "jdk.net=false",
                "access=JDK socket options",
                "capabilities=[enabled]",
                "setEnabled=true");
        assertThat(output).contains("apply=java.lang.UnsupportedOperationException: idle cannot be set through the"
                + " JDK's socket options: this Java runtime has no jdk.net module, whose ExtendedSocketOptions"
                + " offer it; this library can set it on the socket's descriptor if you start the JVM with");
        assertThat(output).contains("current=KeepAlive[enabled=true]");
    }

    @Test
    void withTheJvmOptionsEverySettingReachesTheDescriptor() throws Exception {
        Jvm.Result result = run(Jvm.LIBRARY_FLAGS, MinimalRuntimeProbe.class.getName());
        String output = result.output();
        System.out.println("[MinimalRuntimeIT] with options:\n" + output.strip());

        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output.lines()).contains(
                "jdk.net=false",
                "access=native handle",
                "apply=KeepAlive[enabled=true, idle=PT31S, interval=PT7S, probes=4, userTimeout=PT0S]",
                "kernel=31/7/4");
    }

    @Test
    void theCommandLineReportRunsThere() throws Exception {
        Jvm.Result result = run(List.of(), "dev.keepalive.cli.Main", "report");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("JDK sockets reached through: JDK socket options")
                .doesNotContain("NoClassDefFoundError");
    }
}
