package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.AcceptFallbackProbe;
import dev.keepalive.testing.AsyncFallbackProbe;
import dev.keepalive.testing.FallbackProbe;
import dev.keepalive.testing.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The library as others use it, in JVMs of its own: from the packaged jar, and without opened packages. */
@EnabledOnOs(OS.LINUX)
class ChildJvmIT {

    private static final String JAR = System.getProperty("keepalive.jar", "target/socket-keepalive.jar");

    @TempDir
    Path temp;

    @Test
    void withoutOpenedPackagesTheJdkOptionsAreUsedAndTheMissingFlagsAreNamed() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                FallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        String flags = "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED";
        assertThat(result.output().lines()).contains(
                "capabilities.access=JDK socket options",
                "access=JDK socket options",
                "applied=KeepAlive[enabled=true, idle=PT31S, interval=PT7S, probes=4]",
                "jdk=31/7/4",
                "handle=native handle/6");
        assertThat(result.output()).contains("userTimeout=userTimeout cannot be set on Linux: it needs the"
                + " socket's descriptor; start the JVM with " + flags);
        assertThat(result.output()).contains("server=SO_KEEPALIVE is not offered by the JDK for this socket;"
                + " start the JVM with " + flags);
    }

    @Test
    void withoutOpenedPackagesAsynchronousChannelsUseTheJdkOptions() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                AsyncFallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        String flags = "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED";
        assertThat(result.output().lines()).contains(
                "async.access=JDK socket options",
                "async.applied=KeepAlive[enabled=true, idle=PT33S, interval=PT8S, probes=5]",
                "async.jdk=33/8/5",
                "async.closed=ClosedChannelException");
        assertThat(result.output()).contains("async.userTimeout=userTimeout cannot be set on Linux: it needs the"
                + " socket's descriptor; start the JVM with " + flags);
        assertThat(result.output()).contains("async.server=SO_KEEPALIVE is not offered by the JDK for this socket;"
                + " start the JVM with " + flags);
    }

    @Test
    void withoutOpenedPackagesAcceptingLeavesTheAcceptedChannelAsItIs() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                AcceptFallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains(
                "accept.listener=JDK socket options",
                "accept.open=true, connected=true",
                "accept.enabled=false");
    }

    @Test
    void aModularProgramCompiledAgainstTheJarSeesTheKernelHoldItsValues() throws Exception {
        Path sources = copyOutsideProgram();
        Path classes = temp.resolve("classes");
        Jvm.Result compiled = Jvm.run("javac", List.of("-p", JAR, "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("example/Main.java").toString()));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        Jvm.Result run = Jvm.run("java", List.of("--enable-native-access=dev.keepalive",
                "--add-opens", "java.base/sun.nio.ch=dev.keepalive", "--add-opens", "java.base/java.net=dev.keepalive",
                "-p", JAR + java.io.File.pathSeparator + classes, "-m", "example/example.Main"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("access=native handle", "kernel holds the values: true")
                .doesNotContain("WARNING");
    }

    @Test
    void aClassPathProgramCompiledAgainstTheJarSeesTheKernelHoldItsValues() throws Exception {
        Path sources = copyOutsideProgram();
        Path classes = temp.resolve("cp-classes");
        Jvm.Result compiled = Jvm.run("javac", List.of("-cp", JAR, "-d", classes.toString(),
                sources.resolve("example/Main.java").toString()));
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();

        Jvm.Result run = Jvm.run("java", List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED", "-cp", JAR + java.io.File.pathSeparator + classes,
                "example.Main"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("access=native handle", "kernel holds the values: true");
    }

    private Path copyOutsideProgram() throws Exception {
        Path source = Path.of("target", "test-classes", "outside");
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
