package dev.keepalive.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The chart of {@code docs/benchmarks.md}: for {@code setsockopt(SO_KEEPALIVE)}, each mechanism's median
 * nanoseconds over the C loop from its interleaved pair, with the 95% interval drawn as it is (asymmetric), in
 * two panels: raw mechanisms and full APIs. The axis starts at 0 with a grid line every 10 ns. Drawn with
 * Java 2D, as the chart library's error bars can only be symmetric. {@link #main} redraws it from a run's
 * {@code interleaved-*.csv} files.
 */
final class Chart {

    private static final String[][] RAW = {
        {"FFM critical", "(unsafe here)", "FFM critical vs C"},
        {"FFM plain", "", "FFM plain vs C"},
        {"FFM plain +", "close lock (floor)", "FFM locked vs C"},
        {"JNI", "", "JNI vs C"},
        {"JNA direct", "", "JNA direct vs C"},
    };
    private static final String[][] APIS = {
        {"this library", "setEnabled", "setEnabled vs C"},
        {"JDK", "setOption", "JDK setOption vs C"},
    };
    private static final int BAR = 110;
    private static final int HEIGHT = 620;
    private static final int TOP = 70;
    private static final int BOTTOM = 90;
    private static final int LEFT = 70;

    private Chart() {
    }

    /** Redraws {@code chart.png} in the directory given from its {@code interleaved-*.csv} files. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().matches("interleaved-\\d+\\.csv")).sorted().toList();
        }
        write(PairStats.read(files), dir.resolve("chart.png"));
    }

    /** Draws the chart, or nothing if no pair against the C loop was measured. */
    static void write(Map<String, PairStats.Result> pairs, Path file) throws IOException {
        List<String[]> raw = present(pairs, RAW);
        List<String[]> apis = present(pairs, APIS);
        if (raw.isEmpty() && apis.isEmpty()) {
            return;
        }
        double max = 10;
        for (String[] bar : concat(raw, apis)) {
            max = Math.max(max, pairs.get(bar[2]).diff().high());
        }
        double top = Math.ceil((max + 5) / 10) * 10;
        int width = LEFT + 40 + BAR * raw.size() + 60 + BAR * apis.size() + 30;
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEIGHT);
        int plotHeight = HEIGHT - TOP - BOTTOM;
        // grid: a line every 10 ns, labelled every 20 ns
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int ns = 0; ns <= top; ns += 10) {
            int y = y(ns, top, plotHeight);
            g.setColor(ns % 20 == 0 ? new Color(0xcccccc) : new Color(0xeeeeee));
            g.drawLine(LEFT, y, width - 20, y);
            if (ns % 20 == 0) {
                g.setColor(Color.DARK_GRAY);
                String label = Integer.toString(ns);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("setsockopt(SO_KEEPALIVE): ns over the same call in a C loop (median of interleaved rounds,"
                + " bar: 95% interval)", 12, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT + 20;
        g.drawString("raw mechanisms", x, 50);
        x = bars(g, pairs, raw, x, top, plotHeight, new Color(0x9e9e9e));
        x += 40;
        g.setColor(Color.BLACK);
        g.drawString("full APIs", x, 50);
        bars(g, pairs, apis, x, top, plotHeight, new Color(0x1f77b4));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int bars(Graphics2D g, Map<String, PairStats.Result> pairs, List<String[]> bars, int x, double top,
                            int plotHeight, Color color) {
        for (String[] bar : bars) {
            PairStats.Estimate diff = pairs.get(bar[2]).diff();
            int zero = y(0, top, plotHeight);
            int value = y(Math.max(0, diff.median()), top, plotHeight);
            g.setColor(color);
            g.fillRect(x + 15, value, BAR - 30, zero - value);
            int center = x + BAR / 2;
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.5f));
            int low = y(Math.max(0, diff.low()), top, plotHeight);
            int high = y(diff.high(), top, plotHeight);
            g.drawLine(center, low, center, high);
            g.drawLine(center - 8, low, center + 8, low);
            g.drawLine(center - 8, high, center + 8, high);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            String label = String.format(Locale.ROOT, "%.1f", diff.median());
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(label, center + 12, Math.min(value, high) - 6 < TOP ? value + 16 : value - 6);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            metrics = g.getFontMetrics();
            g.drawString(bar[0], center - metrics.stringWidth(bar[0]) / 2, zero + 20);
            g.drawString(bar[1], center - metrics.stringWidth(bar[1]) / 2, zero + 36);
            x += BAR;
        }
        return x;
    }

    private static int y(double ns, double top, int plotHeight) {
        return TOP + (int) Math.round(plotHeight * (1 - ns / top));
    }

    private static List<String[]> present(Map<String, PairStats.Result> pairs, String[][] bars) {
        List<String[]> out = new ArrayList<>();
        for (String[] bar : bars) {
            if (pairs.containsKey(bar[2])) {
                out.add(bar);
            }
        }
        return out;
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
