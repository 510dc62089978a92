package dev.keepalive.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a class of this jar in a fresh JVM with this JVM's own options, and returns what it printed. */
final class Forked {

    private Forked() {
    }

    /**
     * Runs {@code main} in a new JVM and waits for it.
     *
     * @param main the class with the {@code main} method
     * @param jvmOptions options added to this JVM's own
     * @param args the program's arguments
     * @return its standard output
     * @throws IOException if it cannot start or ends with a non-zero status
     */
    static String run(Class<?> main, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException(main.getSimpleName() + " exited with " + status + ":\n" + out);
        }
        return out;
    }
}
