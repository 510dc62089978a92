package dev.keepalive.agent;

import dev.keepalive.testing.Jvm;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent jar Maven built, and the programs in {@code src/test/resources/agent-apps} that it runs with:
 * applications that know nothing of this library, compiled here with the JDK's compiler against the JDK alone
 * (so they cannot use the library), once per test JVM.
 */
final class AgentApps {

    private static Path classes;

    private AgentApps() {
    }

    /** {@code target/socket-keepalive-<version>-agent.jar}, next to the library jar the build names. */
    static Path agentJar() {
        String library = System.getProperty("keepalive.jar", "target/socket-keepalive.jar");
        Path jar = Path.of(library.replaceFirst("\\.jar$", "-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven's verify, which builds it");
        }
        return jar;
    }

    /** The compiled programs, made on first use in {@code target/agent-apps}. */
    static synchronized Path classes() throws IOException, InterruptedException {
        if (classes == null) {
            Path sources;
            try {
                sources = Path.of(AgentApps.class.getResource("/agent-apps").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Path output = Path.of("target", "agent-apps").toAbsolutePath();
            List<String> args = new ArrayList<>(List.of("--release", "22", "-Xlint:all", "-Werror", "-d",
                    output.toString()));
            try (Stream<Path> files = Files.list(sources)) {
                files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
            }
            Jvm.Result result = Jvm.run("javac", args);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("the programs do not compile:\n" + result.output());
            }
            classes = output;
        }
        return classes;
    }

    /**
     * The command that runs a program with the agent: {@code java [options] -javaagent:<jar>=<argument> -cp
     * <programs>[:more] main args}, and no other option.
     *
     * @param options JVM options before the agent, or none
     * @param agentArgument the agent's argument, or {@code null} to run the program without the agent
     * @param classPath more class path entries (a JDBC driver), or none
     * @param main the program's class
     * @param args its arguments
     */
    static List<String> command(List<String> options, String agentArgument, List<Path> classPath, String main,
            List<String> args) throws IOException, InterruptedException {
        return command(agentJar(), classes(), options, agentArgument, classPath, main, args);
    }

    /** Like the other {@code command}, with the agent jar and the compiled programs given. */
    static List<String> command(Path agentJar, Path programs, List<String> options, String agentArgument,
            List<Path> classPath, String main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Jvm.tool("java")));
        command.addAll(options);
        if (agentArgument != null) {
            command.add("-javaagent:" + agentJar + "=" + agentArgument);
        }
        List<String> entries = new ArrayList<>(List.of(programs.toString()));
        classPath.forEach(entry -> entries.add(entry.toString()));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, entries), main));
        command.addAll(args);
        return command;
    }

    /** The jar of the PostgreSQL JDBC driver the tests use. */
    static Path postgresDriver() {
        try {
            return Path.of(Class.forName("org.postgresql.Driver").getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (ReflectiveOperationException | URISyntaxException e) {
            throw new IllegalStateException("the PostgreSQL JDBC driver is not on the tests' class path", e);
        }
    }
}
