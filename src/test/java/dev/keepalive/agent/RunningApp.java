package dev.keepalive.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a child process, read line by line as it writes (standard output and error merged), so a
 * test can look at its sockets while it holds them open, then end it by closing its standard input.
 */
final class RunningApp implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final Thread reader;

    private RunningApp(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "app-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningApp start(List<String> command) throws IOException {
        return new RunningApp(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line passes the test and returns it; fails with the output so far after the limit. */
    String await(Predicate<String> wanted, Duration limit) throws InterruptedException {
        return awaitTimed(wanted, limit).line();
    }

    /** A line and the {@link System#nanoTime()} at which this process read it. */
    record TimedLine(String line, long nanoTime) {
    }

    /** Like {@link #await}, with the time the line arrived. */
    TimedLine awaitTimed(Predicate<String> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return new TimedLine(lines.get(seen), arrivals.get(seen));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new IllegalStateException("no such line within " + limit + "; output:\n" + output());
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** The first line that starts with the prefix, waiting for it up to 30 s. */
    String line(String prefix) throws InterruptedException {
        return await(line -> line.startsWith(prefix), Duration.ofSeconds(30));
    }

    /** The first line so far that passes the test, without waiting. */
    Optional<String> find(Predicate<String> wanted) {
        synchronized (lines) {
            return lines.stream().filter(wanted).findFirst();
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Writes a line to the program's standard input. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Closes the program's standard input, which ends it, and waits up to 30 s for its exit code. */
    int finish() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the program did not end; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    arrivals.add(System.nanoTime());
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone; what it wrote is kept
        }
        synchronized (lines) {
            lines.notifyAll();
        }
    }
}
