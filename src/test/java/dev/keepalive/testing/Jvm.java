package dev.keepalive.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool of the JDK that runs the tests (java, javac), or any command, as a child process with a time limit. */
public final class Jvm {

    /** What a child JVM needs to reach JDK sockets' descriptors and to call native code, on the class path. */
    public static final List<String> LIBRARY_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private Jvm() {
    }

    /** The result of a child process. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code $JAVA_HOME/bin/<tool> args...}, failing if it takes more than 60 s. */
    public static Result run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool(tool));
        command.addAll(args);
        return exec(command, Duration.ofSeconds(60));
    }

    /** The path of a tool of the JDK that runs the tests. */
    public static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /**
     * The command that runs a main class of the tests or of the library in a new JVM, with
     * {@link #LIBRARY_FLAGS} and the classes Maven built.
     */
    public static List<String> java(String mainClass, List<String> args) {
        return java(List.of(), mainClass, args);
    }

    /** Like {@link #java(String, List)}, with more JVM options. */
    public static List<String> java(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(tool("java"));
        command.addAll(jvmOptions);
        command.addAll(LIBRARY_FLAGS);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Runs a command with stdout and stderr merged; kills it and fails if it outlives the limit. The output
     * goes through a file, so a chatty child never blocks on a full pipe.
     */
    public static Result exec(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("child", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("did not finish in " + limit + ": " + command + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The classes of the library and of the tests, as built by Maven. */
    public static String classPath() {
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
    }
}
