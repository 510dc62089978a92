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
                // 31 s + 4 x 7 s: the user timeout, which no JDK option sets, is every new socket's (none)
                "detectionTime=PT59S",
                // a listener takes what the JDK offers for it, and its switch is remembered ...
                "server.applied=KeepAlive[enabled=true, idle=PT21S, interval=PT3S, probes=6]",
                "server.current=KeepAlive[enabled=true, idle=PT21S, interval=PT3S, probes=6], isEnabled=true",
                "server.jdk=21/3/6",
                // ... and given, with the rest, to the sockets it accepts
                "accepted.jdk=true/21/3/6",
                "handle=native handle/6");
        // what is missing, and for what; never that Linux cannot
        assertThat(result.output()).contains("userTimeout=userTimeout cannot be set through the JDK's socket"
                + " options: no JDK socket option sets it; this library can set it on the socket's descriptor if"
                + " you start the JVM with " + flags + " (missing here: " + flags + ")");
    }

    @Test
    void withOneOfTheTwoOptionsTheMessageNamesTheOtherAndTheCommandLineSaysWhatIsMissing() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", Jvm.classPath(),
                FallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        // the channel's handles are all in sun.nio.ch: a SocketChannel is reached natively, user timeout included
        assertThat(result.output()).contains("access=native handle", "userTimeout=set");
        // a plain Socket's are in java.net too: it falls back, and the message names the option missing
        assertThat(result.output()).contains("socket.userTimeout=userTimeout cannot be set through the JDK's socket options:"
                + " no JDK socket option sets it; this library can set it on the socket's descriptor if you start"
                + " the JVM with --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens"
                + " java.base/java.net=ALL-UNNAMED (missing here: --add-opens java.base/java.net=ALL-UNNAMED)");

        Jvm.Result command = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED", "-cp", Jvm.classPath(),
                "dev.keepalive.cli.Main", "report", "--user-timeout=1500ms"));
        assertThat(command.output().strip()).isEqualTo("error: --user-timeout=1500ms cannot be used: this JVM reaches"
                + " sockets through the JDK's socket options, which offer no userTimeout; to reach it on the socket's"
                + " descriptor, start the JVM with --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens"
                + " java.base/java.net=ALL-UNNAMED (missing here: --add-opens java.base/sun.nio.ch=ALL-UNNAMED)");
        assertThat(command.exitCode()).isEqualTo(1);

        Jvm.Result report = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                "dev.keepalive.cli.Main", "report", "--idle=20s"));
        assertThat(report.exitCode()).as(report.output()).isZero();
        // the capability report lists what the path in use can do: no user timeout, nothing said to be read back
        // that is not
        assertThat(report.output()).contains("JDK sockets reached through: JDK socket options",
                "A silent peer is declared dead after about 35s of silence.")
                .doesNotContainPattern("(?m)^userTimeout +TCP_USER_TIMEOUT");
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
        assertThat(result.output()).contains("async.userTimeout=userTimeout cannot be set through the JDK's socket"
                + " options: no JDK socket option sets it; this library can set it on the socket's descriptor if you"
                + " start the JVM with " + flags + " (missing here: " + flags + ")");
        assertThat(result.output()).contains("async.server.applied=KeepAlive[enabled=true, idle=PT22S, interval=");
        assertThat(result.output().lines()).contains("async.server.jdk=22, isEnabled=true");
    }

    @Test
    void withoutOpenedPackagesAcceptingGivesTheAcceptedChannelWhatTheListenerWasGiven() throws Exception {
        Jvm.Result result = Jvm.run("java", List.of("--enable-native-access=ALL-UNNAMED", "-cp", Jvm.classPath(),
                AcceptFallbackProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains(
                "accept.listener=JDK socket options",
                "accept.open=true, connected=true",
                "accept.enabled=false",
                "accept.copied=true/24/4/7");
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
