package dev.keepalive.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the agent costs, measured on fresh JVMs running {@code CostApp} (compiled with the JDK alone), with and
 * without {@code -javaagent:<agent jar>=idle=30s,interval=5s,probes=3} and both with
 * {@code --enable-native-access=ALL-UNNAMED}, in alternation so both see the same machine: the time from
 * launching {@code java} to the first line of {@code main} (clock: {@code System.nanoTime}, the monotonic clock
 * all processes share on Linux), and the time of a loopback connect (a plain socket, then a socket channel)
 * inside the program, first connection and median of the rest. Prints a Markdown table of medians over the runs
 * and their ratios. Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>Arguments: {@code [runs] [connections]}, default 11 and 2000.
 */
public final class AgentCost {

    private static final String POLICY = "idle=30s,interval=5s,probes=3";

    private AgentCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long[][] plain = new long[5][runs];
        long[][] agent = new long[5][runs];
        for (int run = 0; run < runs; run++) {
            measure(null, connections, plain, run);
            measure(POLICY, connections, agent, run);
        }
        System.out.printf(Locale.ROOT, "runs=%d connections per run=%d, %s, %d cores, load average %s%n%n", runs,
                connections, Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("| measure (median of runs) | without agent | with agent | ratio | added |");
        System.out.println("|---|---:|---:|---:|---:|");
        String[] names = {"launch to main (ms)", "first socket connect (µs)", "socket connect, median (µs)",
            "first channel connect (µs)", "channel connect, median (µs)"};
        double[] units = {1e6, 1e3, 1e3, 1e3, 1e3};
        for (int i = 0; i < names.length; i++) {
            double without = median(plain[i]) / units[i];
            double with = median(agent[i]) / units[i];
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f |%n", names[i], without, with,
                    with / without, with - without);
        }
    }

    /** One fresh JVM for launch to main, one for the connections. */
    private static void measure(String agent, int connections, long[][] into, int run) throws Exception {
        long launched = System.nanoTime();
        List<String> main = output(command(agent, List.of("main")));
        into[0][run] = Long.parseLong(field(main, "main", null)) - launched;
        List<String> connect = output(command(agent, List.of("connect", Integer.toString(connections))));
        into[1][run] = Long.parseLong(field(connect, "socket", "first"));
        into[2][run] = Long.parseLong(field(connect, "socket", "median"));
        into[3][run] = Long.parseLong(field(connect, "channel", "first"));
        into[4][run] = Long.parseLong(field(connect, "channel", "median"));
    }

    private static List<String> command(String agent, List<String> args) throws IOException, InterruptedException {
        return AgentApps.command(List.of("--enable-native-access=ALL-UNNAMED"), agent, List.of(), "CostApp", args);
    }

    private static List<String> output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + lines);
        }
        return lines;
    }

    /** The value after {@code key=} on the line starting with the prefix; the second word where key is null. */
    private static String field(List<String> lines, String prefix, String key) {
        String line = lines.stream().filter(text -> text.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + " line in " + lines));
        for (String word : line.split(" ")) {
            if (key == null && !word.equals(prefix)) {
                return word;
            }
            if (key != null && word.startsWith(key + "=")) {
                return word.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key + " in " + line);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", Arrays.copyOf(
                java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/loadavg")).getFirst().split(" "), 3));
    }
}
