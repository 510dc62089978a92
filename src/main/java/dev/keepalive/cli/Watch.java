package dev.keepalive.cli;

import dev.keepalive.Capabilities;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.internal.LastHeard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code watch} command: connects to a peer, applies the keep-alive settings, reads (and discards)
 * whatever the peer sends until the connection ends, and reports how it ended. When keep-alive or the user
 * timeout ends it, the report sets the silence measured beside the silence the settings predict: on Linux
 * the silence since the last segment the kernel received from the peer (as keep-alive counts it, answered
 * probes included), elsewhere the silence since the last byte read, as the output says. Every argument is
 * checked when the command is read, before any lookup or connection.
 */
final class Watch {

    /** The options {@code watch} takes. */
    static final Set<String> OPTIONS = options();

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest time {@link Socket} waits for: whole milliseconds in an {@code int}. */
    private static final Duration MAX_SOCKET_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private final Target target;
    private final KeepAlive requested;
    private final Optional<Duration> limit;
    private final Duration connectTimeout;
    private final String connectTimeoutShown;

    private Watch(Target target, KeepAlive requested, Optional<Duration> limit, Duration connectTimeout,
                  String connectTimeoutShown) {
        this.target = target;
        this.requested = requested;
        this.limit = limit;
        this.connectTimeout = connectTimeout;
        this.connectTimeoutShown = connectTimeoutShown;
    }

    /**
     * Reads and checks the command's arguments, settings included, without touching the network.
     *
     * @throws IllegalArgumentException if an argument cannot be used
     * @throws UnsupportedOperationException if a setting given is one this OS cannot change
     */
    static Watch parse(Arguments arguments, Capabilities capabilities) {
        List<String> words = arguments.positionals();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("watch needs the peer's HOST:PORT");
        }
        if (words.size() > 1) {
            throw new IllegalArgumentException("watch takes one HOST:PORT, got " + words.size() + " words: "
                    + String.join(" ", words));
        }
        Target target = Target.parse(words.get(0));
        KeepAlive requested = Settings.read(arguments, capabilities);
        Optional<Duration> limit = arguments.duration("for").map(value -> positive("for", value, arguments));
        Duration connectTimeout = arguments.duration("connect-timeout")
                .map(value -> positive("connect-timeout", value, arguments)).orElse(DEFAULT_CONNECT_TIMEOUT);
        String shown = arguments.option("connect-timeout").map(Arguments.Typed::shown)
                .orElse("--connect-timeout, " + Durations.format(DEFAULT_CONNECT_TIMEOUT) + " unless given");
        if (connectTimeout.compareTo(MAX_SOCKET_TIMEOUT) > 0) {
            throw new IllegalArgumentException(shown + " is too long: connecting waits at most "
                    + Durations.formatLike(MAX_SOCKET_TIMEOUT, arguments.option("connect-timeout")
                            .orElseThrow().value()));
        }
        // rounded up to whole milliseconds (at most the limit, a whole number of them), so that no positive
        // timeout becomes 0, which would mean none
        connectTimeout = connectTimeout.plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        return new Watch(target, requested, limit, connectTimeout, shown);
    }

    ExitCode run(PrintStream out) throws IOException {
        InetSocketAddress address;
        try {
            address = target.resolve();
        } catch (UnknownHostException e) {
            out.println("could not connect to " + target + ": the name '" + target.host()
                    + "' does not resolve to an address");
            return ExitCode.NO_CONNECTION;
        }
        try (Socket socket = new Socket()) {
            try {
                socket.connect(address, (int) connectTimeout.toMillis());
            } catch (SocketTimeoutException e) {
                out.println("could not connect to " + describe(address) + ": no answer within "
                        + Durations.format(connectTimeout) + " (" + connectTimeoutShown + ")");
                return ExitCode.NO_CONNECTION;
            } catch (IOException e) {
                out.println("could not connect to " + describe(address) + ": " + reason(e));
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
            boolean kernelCounts = LastHeard.of(socket).isPresent();
            out.println(kernelCounts
                    ? "silence is counted from the last segment the kernel received from the peer (TCP_INFO),"
                            + " as keep-alive counts it"
                    : "silence is counted from the last byte read: answers to keep-alive probes do not reach the"
                            + " reader, so once probes were answered it shows more silence than keep-alive counts");
            out.flush();
            return readUntilEnd(socket, limit, predicted, kernelCounts, out);
        }
    }

    /** The target as typed, and the address it resolved to where that says more. */
    private String describe(InetSocketAddress address) {
        return target.isAddress() ? target.toString()
                : target + " (" + address.getAddress().getHostAddress() + ")";
    }

    /** An exception's message, or its kind where it has none. */
    static String reason(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }

    private static ExitCode readUntilEnd(Socket socket, Optional<Duration> limit, Optional<Duration> predicted,
                                         boolean kernelCounts, PrintStream out) throws IOException {
        long start = System.nanoTime();
        long lastHeard = start;
        long received = 0;
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        while (true) {
            if (limit.isPresent()) {
                Duration left = limit.get().minusNanos(System.nanoTime() - start);
                if (left.isNegative() || left.isZero()) {
                    out.println("the peer is still alive after " + Durations.format(limit.get()) + " (" + received
                            + " bytes received)");
                    return ExitCode.DONE;
                }
                socket.setSoTimeout(left.compareTo(MAX_SOCKET_TIMEOUT) >= 0 ? Integer.MAX_VALUE
                        : (int) Math.max(1, left.toMillis()));
            }
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue; // the limit is checked at the top of the loop
            } catch (IOException e) {
                Duration sinceRead = Duration.ofNanos(System.nanoTime() - lastHeard);
                Optional<Duration> sinceSegment = kernelCounts ? LastHeard.of(socket) : Optional.empty();
                if (kernelCounts && sinceSegment.isEmpty()) {
                    out.println("the kernel's time of the last segment could not be read; silence is counted from"
                            + " the last byte read");
                }
                return ended(e, sinceSegment.orElse(sinceRead), predicted, out);
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
        String message = reason(error);
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

    static String describe(KeepAlive settings) {
        if (!settings.enabled()) {
            return "keep-alive off";
        }
        return "keep-alive on, idle " + settings.idle().map(Durations::format).orElse("?")
                + ", interval " + settings.interval().map(Durations::format).orElse("?")
                + ", probes " + (settings.probes().isPresent() ? settings.probes().getAsInt() : "?")
                + ", user timeout " + settings.userTimeout().map(Durations::format).orElse("?");
    }

    private static Duration positive(String option, Duration value, Arguments arguments) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("--" + option + " must be positive, got "
                    + arguments.option(option).orElseThrow().value().strip());
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
