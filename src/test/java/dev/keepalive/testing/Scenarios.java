package dev.keepalive.testing;

import dev.keepalive.SocketKeepAlive;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the same checks in the test JVM, which opens {@code java.base} to the library, and in a child JVM that
 * does not, so that each socket kind is tested on both of the library's paths. A scenarios class has a
 * {@code main} that calls {@link #main(Map)}; the child prints one result line per scenario, and each becomes a
 * test of its own in the parent.
 */
public final class Scenarios {

    /** One check; throws {@link AssertionError} or any exception to fail. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    private static final String PASSED = "scenario passed: ";
    private static final String FAILED = "scenario failed: ";

    private Scenarios() {
    }

    /** The JVM options of a child that calls native code but has no {@code --add-opens}. */
    public static final List<String> WITHOUT_OPENS = List.of("--enable-native-access=ALL-UNNAMED");

    /** The JVM options of a child with the two {@code --add-opens} every JDK socket needs, but not the TLS one. */
    public static final List<String> WITHOUT_TLS_OPENS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED");

    /** Whether this JVM opens {@code java.base} to the library: the test JVM does, the child does not. */
    public static boolean opened() {
        Module library = SocketKeepAlive.class.getModule();
        return Object.class.getModule().isOpen("java.net", library)
                && Object.class.getModule().isOpen("sun.nio.ch", library);
    }

    /** Whether this JVM also opens the JDK's TLS implementation to the library, to reach under layered sockets. */
    public static boolean tlsOpened() {
        return Object.class.getModule().isOpen("sun.security.ssl", SocketKeepAlive.class.getModule());
    }

    /** Each scenario as a test run here. */
    public static Stream<DynamicTest> here(Map<String, Scenario> scenarios) {
        return scenarios.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> entry.getValue().run()));
    }

    /**
     * Each scenario as a test, run in one child JVM with the given options and the test JVM's class path.
     *
     * @param mainClass the scenarios class, whose {@code main} calls {@link #main(Map)}
     */
    public static Stream<DynamicTest> inChild(Class<?> mainClass, List<String> jvmOptions,
            Map<String, Scenario> scenarios) throws Exception {
        String leg = jvmOptions.equals(WITHOUT_OPENS) ? " (without --add-opens)" : " (" + jvmOptions + ")";
        List<String> command = new ArrayList<>();
        command.add(Jvm.tool("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        Jvm.Result result = Jvm.exec(command, Duration.ofSeconds(120));
        Map<String, String> failures = failures(result.output());
        return scenarios.keySet().stream().map(name -> DynamicTest.dynamicTest(name + leg, () -> {
            if (failures.containsKey(name)) {
                throw new AssertionError(failures.get(name));
            }
            if (!result.output().lines().anyMatch(line -> line.equals(PASSED + name))) {
                throw new AssertionError("the child did not report " + name + " (exit code " + result.exitCode()
                        + "):\n" + result.output());
            }
        }));
    }

    /** Runs every scenario and prints one line each, with the failure's stack trace after a failed one. */
    public static void main(Map<String, Scenario> scenarios) {
        int failed = 0;
        for (Map.Entry<String, Scenario> entry : scenarios.entrySet()) {
            try {
                entry.getValue().run();
                System.out.println(PASSED + entry.getKey());
            } catch (Throwable failure) {
                failed++;
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                System.out.println(FAILED + entry.getKey());
                System.out.println(trace.toString().stripTrailing().indent(4).stripTrailing());
            }
        }
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Each failed scenario's name and the indented trace printed after it. */
    private static Map<String, String> failures(String output) {
        Map<String, String> failures = new LinkedHashMap<>();
        String current = null;
        StringBuilder trace = new StringBuilder();
        for (String line : output.lines().toList()) {
            if (line.startsWith(FAILED) || line.startsWith(PASSED)) {
                if (current != null) {
                    failures.put(current, trace.toString());
                }
                current = line.startsWith(FAILED) ? line.substring(FAILED.length()) : null;
                trace.setLength(0);
            } else if (current != null) {
                trace.append(line).append('\n');
            }
        }
        if (current != null) {
            failures.put(current, trace.toString());
        }
        return failures;
    }
}
