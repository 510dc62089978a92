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
import java.util.Optional;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;

/**
 * The {@code report} command: prints the running OS's capability report, then applies keep-alive settings
 * to a loopback connection and prints what was requested, what {@code apply} returned and what the JDK
 * reads back, side by side, with the time after which a silent peer would be declared dead.
 */
final class Demo {

    private Demo() {
    }

    @SuppressWarnings("try") // the accepted end is held open, never read
    static ExitCode run(KeepAlive requested, PrintStream out) throws IOException {
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
                    .map(time -> "A silent peer is declared dead after about " + Durations.format(time)
                            + " of silence.")
                    .orElse(applied.enabled() ? "The time to detect a silent peer cannot be known here."
                            : "Keep-alive is off: a silent peer is never detected by it."));
        }
        return ExitCode.DONE;
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
        return duration.map(Durations::format).orElse("-");
    }
}
