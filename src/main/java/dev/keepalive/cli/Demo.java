package dev.keepalive.cli;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
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

/**
 * The {@code report} command: prints the running OS's capability report and system defaults, then applies
 * keep-alive settings to a loopback connection and prints, side by side, each value's system default, the
 * socket's value before, the value requested, the effective value afterwards with its source, and what
 * the JDK reads back; then the time after which a silent peer would be declared dead.
 */
final class Demo {

    private Demo() {
    }

    @SuppressWarnings("try") // the accepted end is held open, never read
    static ExitCode run(KeepAlive requested, PrintStream out) throws IOException {
        out.println("== Capabilities");
        out.print(SocketKeepAlive.capabilities());
        out.println();
        SystemDefaults defaults = SocketKeepAlive.systemDefaults();
        out.println("== System defaults");
        out.printf(DEFAULT_ROW, "idle", text(defaults.idle()), source(defaults.idle()));
        out.printf(DEFAULT_ROW, "interval", text(defaults.interval()), source(defaults.interval()));
        out.printf(DEFAULT_ROW, "probes", text(defaults.probes()), source(defaults.probes()));
        out.println();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive keepAlive = SocketKeepAlive.of(client);
            EffectiveKeepAlive before = keepAlive.effective();
            keepAlive.apply(requested);
            EffectiveKeepAlive after = keepAlive.effective();
            out.println("== Loopback connection " + client.getLocalAddress() + " -> " + client.getRemoteAddress()
                    + " (reached through: " + keepAlive.access() + ")");
            out.printf(ROW, "setting", "default", "before", "requested", "effective", "JDK reads",
                    "source of the effective value");
            out.printf(ROW, "enabled", "-", text(before.enabled()), requested.enabled(), text(after.enabled()),
                    client.getOption(StandardSocketOptions.SO_KEEPALIVE), source(after.enabled()));
            out.printf(ROW, "idle", text(defaults.idle()), text(before.idle()), text(requested.idle()),
                    text(after.idle()), jdk(client, "TCP_KEEPIDLE", seconds -> seconds + "s"),
                    source(after.idle()));
            out.printf(ROW, "interval", text(defaults.interval()), text(before.interval()),
                    text(requested.interval()), text(after.interval()),
                    jdk(client, "TCP_KEEPINTERVAL", seconds -> seconds + "s"),
                    source(after.interval()));
            out.printf(ROW, "probes", text(defaults.probes()), text(before.probes()),
                    requested.probes().isPresent() ? String.valueOf(requested.probes().getAsInt()) : "-",
                    text(after.probes()), jdk(client, "TCP_KEEPCOUNT", String::valueOf),
                    source(after.probes()));
            out.printf(ROW, "userTimeout", "-", text(before.userTimeout()), text(requested.userTimeout()),
                    text(after.userTimeout()), "(none)", source(after.userTimeout()));
            out.println();
            out.println(after.detectionTime()
                    .map(time -> "A silent peer is declared dead after about " + Durations.format(time)
                            + " of silence.")
                    .orElse(after.enabled().value().orElse(true)
                            ? "The time to detect a silent peer cannot be known here."
                            : "Keep-alive is off: a silent peer is never detected by it."));
        }
        return ExitCode.DONE;
    }

    private static final String ROW = "%-12s %-10s %-10s %-10s %-10s %-10s %s%n";
    private static final String DEFAULT_ROW = "%-12s %-10s %s%n";

    /**
     * What the JDK reads for one of its options, found by name among those the channel supports, so that a Java
     * runtime without the {@code jdk.net} module shows "-" rather than failing.
     */
    private static String jdk(SocketChannel channel, String name, Function<Integer, String> format) {
        try {
            for (java.net.SocketOption<?> option : channel.supportedOptions()) {
                if (option.name().equals(name) && option.type() == Integer.class) {
                    return format.apply((Integer) channel.getOption(option));
                }
            }
            return "-";
        } catch (IOException | UnsupportedOperationException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String text(SourcedValue<?> value) {
        return value.value().map(Demo::text).orElse("?");
    }

    private static String text(Object value) {
        return value instanceof Duration duration ? Durations.format(duration) : String.valueOf(value);
    }

    private static String text(Optional<Duration> duration) {
        return duration.map(Durations::format).orElse("-");
    }

    private static String source(SourcedValue<?> value) {
        return value.source().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + value.origin();
    }
}
