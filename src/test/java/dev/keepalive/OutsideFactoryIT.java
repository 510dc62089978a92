package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket factory as a program outside the library uses it, compiled against the packaged jar: connected
 * through {@code new KeepAliveSocketFactory("idle=17s,interval=4s,probes=5")}, its socket reads 17 s, 4 s and 5
 * back through the JDK's {@code ExtendedSocketOptions}, with and without the JVM options that open
 * {@code java.base}; without them, a user timeout is dropped and said once.
 */
@EnabledOnOs(OS.LINUX)
class OutsideFactoryIT {

    private static final String JAR = System.getProperty("keepalive.jar", "target/socket-keepalive.jar");
    private static final String FLAGS = "--add-opens java.base/sun.nio.ch=ALL-UNNAMED"
            + " --add-opens java.base/java.net=ALL-UNNAMED";

    @TempDir
    Path temp;

    @Test
    void aModularProgramReadsTheValuesBackThroughTheJdk() throws Exception {
        Path sources = copyProgram();
        Path classes = temp.resolve("classes");
        Jvm.Result compiled = Jvm.run("javac", List.of("-p", JAR, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("example/FactoryMain.java").toString()));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        Jvm.Result run = Jvm.run("java", List.of("--enable-native-access=dev.keepalive",
                "--add-opens", "java.base/sun.nio.ch=dev.keepalive", "--add-opens", "java.base/java.net=dev.keepalive",
                "-p", JAR + java.io.File.pathSeparator + classes, "-m", "example.factory/example.FactoryMain"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines()).contains(
                "refused: idle: 'banana' is not a duration: write a whole number with ms, s, m or h (1500ms, 30s,"
                        + " 2m, 1h), or ISO-8601 (PT30S)",
                "read back: keepAlive=true idle=17s interval=4s probes=5",
                "kernel holds the values: true");
        assertThat(run.output()).doesNotContain("WARNING");
    }

    @Test
    void aClassPathProgramWithoutOpenedPackagesGetsTheSameValuesThroughTheJdksOptions() throws Exception {
        Path sources = copyProgram();
        Path classes = temp.resolve("cp-classes");
        Jvm.Result compiled = Jvm.run("javac", List.of("-cp", JAR, "-d", classes.toString(),
                sources.resolve("example/FactoryMain.java").toString()));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        Jvm.Result run = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", JAR + java.io.File.pathSeparator + classes, "example.FactoryMain"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines()).contains("read back: keepAlive=true idle=17s interval=4s probes=5",
                "kernel holds the values: true");
        assertThat(run.output()).doesNotContain("WARNING");
    }

    @Test
    void withoutOpenedPackagesTheUserTimeoutIsDroppedAndSaidOnce() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                FactoryFallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains(
                "access=JDK socket options",
                "settings=idle=17s,interval=4s,probes=5,userTimeout=9s",
                "applied=idle=17s,interval=4s,probes=5",
                "factory=KeepAliveSocketFactory[idle=17s,interval=4s,probes=5,userTimeout=9s,"
                        + " applied idle=17s,interval=4s,probes=5]",
                "jdk=true/17/4/5");
        Matcher warnings = Pattern.compile("WARNING: KeepAliveSocketFactory applies 'idle=17s,interval=4s,probes=5'"
                + " of 'idle=17s,interval=4s,probes=5,userTimeout=9s': (.*)").matcher(result.output());
        assertThat(warnings.find()).as(result.output()).isTrue();
        assertThat(warnings.group(1)).contains("userTimeout").contains(FLAGS);
        assertThat(warnings.find()).as("the warning is logged once for both factories").isFalse();
    }

    private Path copyProgram() throws Exception {
        Path source = Path.of("target", "test-classes", "outside-factory");
        Path target = temp.resolve("src");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        return target;
    }
}
