package dev.keepalive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The interleaved rounds of every fresh JVM, pooled per pair: the median of the per-round ratios A/B and
 * differences A−B, each with a 95% bootstrap interval (two levels: JVMs resampled, then rounds within each
 * JVM; percentile method), and the median difference of each JVM on its own, which shows how far JVMs
 * disagree. With few JVMs that disagree, the interval is wide, as it should be.
 */
final class PairStats {

    /** Resamples per interval. */
    private static final int RESAMPLES = 2000;

    /** An estimate with its 95% interval. */
    record Estimate(double median, double low, double high) {
    }

    /** One pair over all JVMs. */
    record Result(String id, String a, String b, double aNs, double bNs, Estimate ratio, Estimate diff,
                  double[] jvmDiffs, int rounds) {
    }

    private PairStats() {
    }

    /**
     * Reads the CSV files of {@link Interleaved#main} and computes every pair's result.
     *
     * @param files one file per JVM
     * @return the results, by pair id, in the order first seen
     */
    static Map<String, Result> read(List<Path> files) throws IOException {
        // pair -> JVM -> rounds of {a, b}
        Map<String, List<List<double[]>>> rounds = new LinkedHashMap<>();
        Map<String, String[]> labels = new LinkedHashMap<>();
        for (int jvm = 0; jvm < files.size(); jvm++) {
            for (String line : Files.readAllLines(files.get(jvm))) {
                if (line.isBlank()) {
                    continue;
                }
                // "id","a","b",round,a_ns,b_ns,ops (labels hold no quote)
                String[] parts = line.split("\"");
                String id = parts[1];
                String[] numbers = parts[6].substring(1).split(",");
                labels.putIfAbsent(id, new String[] {parts[3], parts[5]});
                List<List<double[]>> perJvm = rounds.computeIfAbsent(id, key -> new ArrayList<>());
                while (perJvm.size() <= jvm) {
                    perJvm.add(new ArrayList<>());
                }
                perJvm.get(jvm).add(new double[] {Double.parseDouble(numbers[1]), Double.parseDouble(numbers[2])});
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<double[]>>> entry : rounds.entrySet()) {
            results.put(entry.getKey(), of(entry.getKey(), labels.get(entry.getKey()), entry.getValue()));
        }
        return results;
    }

    private static Result of(String id, String[] labels, List<List<double[]>> perJvm) {
        List<double[]> all = new ArrayList<>();
        perJvm.forEach(all::addAll);
        double[] a = all.stream().mapToDouble(r -> r[0]).toArray();
        double[] b = all.stream().mapToDouble(r -> r[1]).toArray();
        double[] ratios = all.stream().mapToDouble(r -> r[0] / r[1]).toArray();
        double[] diffs = all.stream().mapToDouble(r -> r[0] - r[1]).toArray();
        double[] jvmDiffs = perJvm.stream().filter(list -> !list.isEmpty())
                .mapToDouble(list -> median(list.stream().mapToDouble(r -> r[0] - r[1]).toArray())).toArray();
        SplittableRandom random = new SplittableRandom(id.hashCode());
        double[] ratioMedians = new double[RESAMPLES];
        double[] diffMedians = new double[RESAMPLES];
        double[] ratioSample = new double[all.size()];
        double[] diffSample = new double[all.size()];
        List<List<double[]>> jvms = perJvm.stream().filter(list -> !list.isEmpty()).toList();
        for (int s = 0; s < RESAMPLES; s++) {
            // two levels: JVMs drawn with replacement, then rounds within each drawn JVM, so that the interval
            // holds the disagreement between JVMs (JIT decisions, the pair's place in the order) and not only
            // the noise between rounds of one JVM
            int k = 0;
            for (int j = 0; j < jvms.size(); j++) {
                List<double[]> jvm = jvms.get(random.nextInt(jvms.size()));
                for (int i = 0; i < jvm.size() && k < ratioSample.length; i++) {
                    double[] round = jvm.get(random.nextInt(jvm.size()));
                    ratioSample[k] = round[0] / round[1];
                    diffSample[k] = round[0] - round[1];
                    k++;
                }
            }
            ratioMedians[s] = median(java.util.Arrays.copyOf(ratioSample, k));
            diffMedians[s] = median(java.util.Arrays.copyOf(diffSample, k));
        }
        return new Result(id, labels[0], labels[1], median(a), median(b), estimate(median(ratios), ratioMedians),
                estimate(median(diffs), diffMedians), jvmDiffs, all.size());
    }

    private static Estimate estimate(double median, double[] resampled) {
        Arrays.sort(resampled);
        return new Estimate(median, resampled[(int) (0.025 * resampled.length)],
                resampled[(int) Math.ceil(0.975 * resampled.length) - 1]);
    }

    /** The median of the values (sorts a copy). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
