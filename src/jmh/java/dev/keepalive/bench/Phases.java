package dev.keepalive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's state during each phase of a run: how long it took, the 1-minute load average at its start and
 * end, and the share of CPU time the hypervisor took away (steal) and that other work used (everything but idle),
 * from the {@code cpu} line of {@code /proc/stat} at both ends. On a shared machine these say how much to trust a
 * phase; they are recorded, not corrected for.
 */
final class Phases {

    /** One finished phase. */
    record Phase(String name, double seconds, String loadStart, String loadEnd, double stealPercent,
                 double busyPercent) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private String name;
    private long start;
    private long[] ticks;
    private String load;

    /** Starts a phase (ending none). */
    void start(String phaseName) {
        name = phaseName;
        start = System.nanoTime();
        ticks = cpuTicks();
        load = loadAverage();
    }

    /** Ends the phase started last. */
    void end() {
        long[] now = cpuTicks();
        double steal = Double.NaN;
        double busy = Double.NaN;
        if (now != null && ticks != null) {
            long total = 0;
            for (int i = 0; i < now.length; i++) {
                total += now[i] - ticks[i];
            }
            if (total > 0) {
                steal = 100.0 * (now[7] - ticks[7]) / total;
                busy = 100.0 * (total - (now[3] - ticks[3]) - (now[4] - ticks[4])) / total;
            }
        }
        phases.add(new Phase(name, (System.nanoTime() - start) / 1e9, load, loadAverage(), steal, busy));
    }

    List<Phase> all() {
        return List.copyOf(phases);
    }

    /** user, nice, system, idle, iowait, irq, softirq, steal from the first line of /proc/stat, or null. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = new long[8];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
            return ticks;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }
}
