package dev.keepalive.cli;

import dev.keepalive.Capabilities;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;

/**
 * The main job: prints the running OS's capability report, then applies keep-alive settings to a loopback
 * connection and prints what was requested, what {@code apply} returned and what the JDK reads back, side
 * by side, with the time after which a silent peer would be declared dead.
 *
 * <p>Arguments, all optional: {@code idle=30s interval=5s probes=3 userTimeout=0s}; durations take the
 * suffixes {@code ms}, {@code s}, {@code m} and {@code h}. Exit codes: 0 done, 2 bad arguments, 1 failure.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code name=value} settings
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: [idle=30s] [interval=5s] [probes=3] [userTimeout=10s]");
            status = 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    @SuppressWarnings("try") // the accepted end is held open, never read
    static int run(String[] args, PrintStream out) throws IOException {
        KeepAlive requested = parse(args);
        out.println("== Capabilities");
        out.print(SocketKeepAlive.capabilities());
        out.println();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            KeepAlive before = keepAlive.current();
            KeepAlive applied = keepAlive.apply(requested);
            out.println("== Loopback connection " + client.getLocalAddress() + " -> " + client.getRemoteAddress()
                    + " (reached through: " + keepAlive.access() + ")");
            out.printf("%-12s %-14s %-14s %-14s %-14s%n", "setting", "before", "requested", "applied",
                    "JDK reads");
            row(out, "enabled", before.enabled(), requested.enabled(), applied.enabled(),
                    client.getOption(StandardSocketOptions.SO_KEEPALIVE));
            row(out, "idle", text(before.idle()), text(requested.idle()), text(applied.idle()),
                    jdk(client, ExtendedSocketOptions.TCP_KEEPIDLE, seconds -> seconds + "s"));
            row(out, "interval", text(before.interval()), text(requested.interval()), text(applied.interval()),
                    jdk(client, ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds -> seconds + "s"));
            row(out, "probes", count(before), count(requested), count(applied),
                    jdk(client, ExtendedSocketOptions.TCP_KEEPCOUNT, String::valueOf));
            row(out, "userTimeout", text(before.userTimeout()), text(requested.userTimeout()),
                    text(applied.userTimeout()), "(not in JDK)");
            out.println();
            out.println(keepAlive.effective().detectionTime()
                    .map(time -> "A silent peer is declared dead after about " + format(time) + " of silence.")
                    .orElse(applied.enabled() ? "The time to detect a silent peer cannot be known here."
                            : "Keep-alive is off: a silent peer is never detected by it."));
        }
        return 0;
    }

    static KeepAlive parse(String[] args) {
        KeepAlive.Builder builder = KeepAlive.builder()
                .idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5))
                .probes(3);
        for (String arg : args) {
            int split = arg.indexOf('=');
            if (split < 0) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            String value = arg.substring(split + 1);
            switch (arg.substring(0, split)) {
                case "idle" -> builder.idle(duration(value));
                case "interval" -> builder.interval(duration(value));
                case "probes" -> builder.probes(Integer.parseInt(value));
                case "userTimeout" -> builder.userTimeout(duration(value));
                case "enabled" -> builder.enabled(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException("unknown setting '" + arg.substring(0, split) + "'");
            }
        }
        return builder.build();
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use ms, s, m or h)");
        }
    }

    private static String jdk(SocketChannel channel, java.net.SocketOption<Integer> option,
                              Function<Integer, String> format) {
        try {
            return channel.supportedOptions().contains(option) ? format.apply(channel.getOption(option)) : "-";
        } catch (IOException | UnsupportedOperationException e) {
            return "error: " + e.getMessage();
        }
    }

    private static void row(PrintStream out, String name, Object before, Object requested, Object applied,
                            Object jdk) {
        out.printf("%-12s %-14s %-14s %-14s %-14s%n", name, before, requested, applied, jdk);
    }

    private static String count(KeepAlive settings) {
        return settings.probes().isPresent() ? String.valueOf(settings.probes().getAsInt()) : "-";
    }

    private static String text(Optional<Duration> duration) {
        return duration.map(Demo::format).orElse("-");
    }

    static String format(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        return duration.toSeconds() + "s";
    }
}
