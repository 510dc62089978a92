package dev.keepalive.testing;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server on 127.0.0.1, from the binaries of Debian's {@code postgresql} package: a
 * cluster made with {@code initdb} in a temporary directory (trust authentication, user {@code postgres}),
 * started on a free port with its Unix socket in that directory, and stopped and deleted by {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root, and the tests run as root on CI. So both programs run as
 * {@code nobody} in a user namespace of their own ({@code unshare --user --map-user=nobody}): inside it they
 * have no capabilities and are not root, so PostgreSQL accepts them, while outside they stay the user who runs
 * the tests, who owns and deletes the files. No system user is created and nothing outside the temporary
 * directory is written. The same works unprivileged, wherever user namespaces are allowed, and inside a
 * {@link PrivateNetwork}, whose loopback the server then listens on.
 *
 * <p>The server is started through a small shell that stops it (a fast shutdown, {@code SIGINT}) when its
 * standard input closes: when {@link #close()} closes it, and also when the JVM that started it dies, however
 * it dies, so no server outlives its test.
 *
 * {@snippet :
 * PostgresServer.requireAvailable();   // skips (fails under CI), saying why, where the binaries or user namespaces are missing
 * try (PostgresServer server = PostgresServer.start(Duration.ofSeconds(60))) {
 *     Connection connection = DriverManager.getConnection(server.url(""));
 * }
 * }
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final String USER = "nobody";
    /** {@code nobody}'s user and group IDs, from {@code /etc/passwd}. */
    private static final String[] IDS = ids();
    private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    private static Optional<String> problem;

    private final Path directory;
    private final int port;
    private final Process process;

    private PostgresServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** The {@code bin} directory of the newest PostgreSQL under {@code /usr/lib/postgresql}, if any. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                            && Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test (fails it under CI), saying why, unless a server can be started here. */
    public static synchronized void requireAvailable() {
        if (problem == null) {
            problem = findProblem();
        }
        problem.ifPresent(reason -> Preconditions.require(false, reason));
    }

    /**
     * Makes a cluster in a new temporary directory and starts a server on a free port of 127.0.0.1.
     *
     * @param limit how long making the cluster and starting the server may take
     * @throws IllegalStateException if either fails or outlives the limit; the output is in the message
     */
    public static PostgresServer start(Duration limit) throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed under "
                + INSTALLED + " (Debian's postgresql package)"));
        long deadline = System.nanoTime() + limit.toNanos();
        Path directory = Files.createTempDirectory("keepalive-postgres");
        try {
            Jvm.Result initdb = Jvm.exec(asUnprivileged(List.of(bin.resolve("initdb").toString(),
                    "-D", directory.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync", "--no-instructions")), limit);
            if (initdb.exitCode() != 0) {
                throw new IllegalStateException("initdb failed (" + initdb.exitCode() + "):\n" + initdb.output());
            }
            return launch(bin, directory, deadline);
        } catch (IOException | RuntimeException | InterruptedException e) {
            delete(directory);
            throw e;
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /**
     * The JDBC URL of the {@code postgres} database as user {@code postgres}, with more parameters.
     *
     * @param parameters {@code &}-separated {@code key=value} pairs, or empty
     */
    public String url(String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    /** The server's log so far. */
    public String log() throws IOException {
        return Files.readString(directory.resolve("server.log"), StandardCharsets.UTF_8);
    }

    /** Stops the server (fast shutdown, then killed if it outlives the limit) and deletes its directory. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } finally {
            delete(directory);
        }
    }

    private static PostgresServer launch(Path bin, Path directory, long deadline)
            throws IOException, InterruptedException {
        Path log = directory.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            // postgres runs in the background; the shell waits for its own input to close, then stops it
            List<String> command = asUnprivileged(List.of("sh", "-c",
                    "\"$0\" \"$@\" & server=$!; cat > /dev/null; kill -INT $server; wait $server",
                    bin.resolve("postgres").toString(), "-D", directory.resolve("data").toString(),
                    "-p", Integer.toString(port), "-k", directory.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "max_connections=20", "-c", "shared_buffers=16MB"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PostgresServer server = new PostgresServer(directory, port, process);
            while (System.nanoTime() < deadline) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (output.contains("database system is ready to accept connections")) {
                    return server;
                }
                if (!process.isAlive() || output.contains("FATAL")) {
                    break;
                }
                Thread.sleep(50);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            server.stop();
            if (output.contains("could not bind") && attempt < 3 && System.nanoTime() < deadline) {
                continue; // another program took the port between the check and the start
            }
            throw new IllegalStateException("PostgreSQL did not start:\n" + output);
        }
    }

    /** Stops the process without deleting the directory. */
    private void stop() throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The command run as {@code nobody}, without capabilities, in a user namespace of its own. */
    private static List<String> asUnprivileged(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(Tools.find("unshare").orElse("unshare"), "--user",
                "--map-user=" + IDS[0], "--map-group=" + IDS[1], "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String[] ids() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.filter(line -> line.startsWith(USER + ":")).map(line -> line.split(":"))
                    .filter(fields -> fields.length > 3).map(fields -> new String[] {fields[2], fields[3]})
                    .findFirst().orElse(new String[] {"65534", "65534"});
        } catch (IOException e) {
            return new String[] {"65534", "65534"};
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static Optional<String> findProblem() {
        if (binaries().isEmpty()) {
            return Optional.of("PostgreSQL is not installed under " + INSTALLED + " (Debian's postgresql package)");
        }
        if (Tools.find("unshare").isEmpty()) {
            return Optional.of("unshare (util-linux) is not installed");
        }
        try {
            Jvm.Result result = Jvm.exec(asUnprivileged(List.of("id", "-un")), Duration.ofSeconds(15));
            return result.exitCode() == 0 && result.output().strip().equals(USER) ? Optional.empty()
                    : Optional.of("cannot run a program as " + USER + " in a user namespace: " + result.output());
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot run a program as " + USER + " in a user namespace: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking for user namespaces");
        }
    }

    private static double versionNumber(Path version) {
        try {
            return Double.parseDouble(version.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Waits, at most 10 s, until the server runs a query on as many connections as given, as a monitoring
     * connection sees in {@code pg_stat_activity}.
     *
     * @param monitor a connection of its own
     * @param query the query's text
     * @param connections how many connections must be running it
     */
    public static void awaitActive(java.sql.Connection monitor, String query, int connections) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.sql.Statement statement = monitor.createStatement();
                 java.sql.ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE state = 'active' AND query = '" + query + "'")) {
                result.next();
                if (result.getInt(1) == connections) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the " + connections + " queries did not start within 10 s");
    }
}
