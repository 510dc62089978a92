package dev.keepalive.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool of the JDK that runs the tests (java, javac) as a child process, with a time limit. */
public final class Jvm {

    private Jvm() {
    }

    /** The result of a child process. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code $JAVA_HOME/bin/<tool> args...}, failing if it takes more than 60 s. */
    public static Result run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish in 60 s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    /** The classes of the library and of the tests, as built by Maven. */
    public static String classPath() {
        return Path.of("target", "classes") + java.io.File.pathSeparator + Path.of("target", "test-classes");
    }
}
