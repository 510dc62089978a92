package dev.keepalive.cli;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code watch} command: connects to a peer, applies the keep-alive settings, reads (and discards)
 * whatever the peer sends until the connection ends, and reports how it ended. When keep-alive or the user
 * timeout ends it, the report sets the silence measured since the last byte received beside the silence
 * the settings predict.
 */
final class Watch {

    /** The options {@code watch} takes. */
    static final Set<String> OPTIONS = options();

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Watch() {
    }

    static ExitCode run(Arguments arguments, PrintStream out) throws IOException {
        if (arguments.positionals().size() != 1) {
            throw new IllegalArgumentException("watch takes one HOST:PORT, got " + arguments.positionals());
        }
        InetSocketAddress target = address(arguments.positionals().get(0));
        KeepAlive requested = arguments.settings();
        Optional<Duration> limit = arguments.duration("for").map(value -> positive("--for", value));
        Duration connectTimeout = positive("--connect-timeout",
                arguments.duration("connect-timeout").orElse(DEFAULT_CONNECT_TIMEOUT));
        try (Socket socket = new Socket()) {
            try {
                socket.connect(target, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            } catch (IOException e) {
                out.println("could not connect to " + target + ": " + e.getMessage());
                return ExitCode.NO_CONNECTION;
            }
            SocketKeepAlive keepAlive = SocketKeepAlive.of(socket);
            KeepAlive applied = keepAlive.apply(requested);
            // empty where keep-alive is off, or a value the prediction needs is unknown
            Optional<Duration> predicted = keepAlive.effective().detectionTime();
            out.println("watching " + socket.getRemoteSocketAddress() + " from " + socket.getLocalSocketAddress()
                    + " with " + describe(applied));
            out.println(predicted.map(time -> "a silent peer will be declared dead after about "
                            + Durations.format(time) + " of silence")
                    .orElse(applied.enabled()
                            ? "the time to detect a silent peer cannot be known here: a value it needs is unknown"
                            : "keep-alive is off: a silent peer is not detected"));
            out.flush();
            return readUntilEnd(socket, limit, predicted, out);
        }
    }

    private static ExitCode readUntilEnd(Socket socket, Optional<Duration> limit, Optional<Duration> predicted,
                                         PrintStream out) throws IOException {
        long start = System.nanoTime();
        long lastHeard = start;
        long received = 0;
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        while (true) {
            if (limit.isPresent()) {
                long left = limit.get().toNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    out.println("the peer is still alive after " + Durations.format(limit.get()) + " (" + received
                            + " bytes received)");
                    return ExitCode.DONE;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            }
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue; // the limit is checked at the top of the loop
            } catch (IOException e) {
                Duration silence = Duration.ofNanos(System.nanoTime() - lastHeard);
                return ended(e, silence, predicted, out);
            }
            if (count < 0) {
                out.println("the peer closed the connection (" + received + " bytes received)");
                return ExitCode.PEER_CLOSED;
            }
            received += count;
            lastHeard = System.nanoTime();
        }
    }

    static ExitCode ended(IOException error, Duration silence, Optional<Duration> predicted, PrintStream out) {
        String message = String.valueOf(error.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("timed out") || lower.contains("keep-alive")) {
            String against = predicted.map(time -> {
                Duration off = silence.minus(time);
                return " (predicted " + Durations.format(time) + ", off by " + (off.isNegative() ? "-" : "+")
                        + Durations.seconds(off.abs()) + ")";
            }).orElse("");
            out.println("the peer was declared dead after " + Durations.seconds(silence) + " of silence" + against
                    + ": " + message);
            return ExitCode.PEER_DEAD;
        }
        if (lower.contains("reset")) {
            out.println("the peer reset the connection after " + Durations.seconds(silence) + " of silence: "
                    + message);
            return ExitCode.PEER_RESET;
        }
        out.println("reading failed after " + Durations.seconds(silence) + " of silence: " + error);
        return ExitCode.FAILURE;
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}, resolving the host. */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + text.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
        return address;
    }

    static String describe(KeepAlive settings) {
        if (!settings.enabled()) {
            return "keep-alive off";
        }
        return "keep-alive on, idle " + settings.idle().map(Durations::format).orElse("?")
                + ", interval " + settings.interval().map(Durations::format).orElse("?")
                + ", probes " + (settings.probes().isPresent() ? settings.probes().getAsInt() : "?")
                + ", user timeout " + settings.userTimeout().map(Durations::format).orElse("?");
    }

    private static Duration positive(String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, got " + Durations.format(value));
        }
        return value;
    }

    private static Set<String> options() {
        Set<String> options = new HashSet<>(Arguments.SETTINGS);
        options.add("for");
        options.add("connect-timeout");
        return Set.copyOf(options);
    }
}
