package dev.keepalive.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command line: {@code report} (the default) prints what this OS supports and shows settings applied to
 * a loopback connection; {@code watch HOST:PORT} watches a real connection until it ends. Run with
 * {@code --help} for the options and the exit codes.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs a command and exits with its {@linkplain ExitCode exit code}.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args);
        boolean named = !words.isEmpty() && !words.get(0).startsWith("-");
        String command = named ? words.get(0) : "report";
        List<String> rest = named ? words.subList(1, words.size()) : words;
        try {
            ExitCode code = switch (command) {
                case "report" -> {
                    Arguments arguments = Arguments.parse(rest, Arguments.SETTINGS);
                    if (arguments.help() || !arguments.positionals().isEmpty()) {
                        yield usage(arguments.help(), "report takes no words, only options", out, err);
                    }
                    yield Demo.run(arguments.settings(), out);
                }
                case "watch" -> {
                    Arguments arguments = Arguments.parse(rest, Watch.OPTIONS);
                    yield arguments.help() ? usage(true, "", out, err) : Watch.run(arguments, out);
                }
                case "help" -> usage(true, "", out, err);
                default -> usage(false, "unknown command '" + command + "'", out, err);
            };
            return code.status();
        } catch (IllegalArgumentException e) {
            return usage(false, e.getMessage(), out, err).status();
        } catch (IOException | UnsupportedOperationException e) {
            err.println("failed: " + e.getMessage());
            return ExitCode.FAILURE.status();
        }
    }

    private static ExitCode usage(boolean asked, String problem, PrintStream out, PrintStream err) {
        if (asked) {
            out.print(USAGE);
            for (ExitCode code : ExitCode.values()) {
                out.printf("  %d  %s%n", code.status(), code.meaning());
            }
            return ExitCode.DONE;
        }
        err.println("error: " + problem);
        err.println("run with --help for the commands and options");
        return ExitCode.USAGE;
    }

    private static final String USAGE = """
            usage: socket-keepalive [report] [SETTINGS]
                   socket-keepalive watch HOST:PORT [SETTINGS] [--for=DURATION] [--connect-timeout=DURATION]
                   socket-keepalive --help

            commands:
              report  (the default) print what this OS supports, then apply SETTINGS to a loopback
                      connection and show each value before, as requested, as applied and as the JDK reads it
              watch   connect to HOST:PORT (or [IPv6]:PORT), apply SETTINGS, read and discard what the peer
                      sends, and report how the connection ended; when keep-alive ends it, the silence
                      measured is shown beside the silence the settings predict

            SETTINGS (durations are whole numbers with ms, s, m or h):
              --keepalive=on|off         turn keep-alive on or off (default on)
              --idle=DURATION            silence before the first probe (default 30s)
              --interval=DURATION        time between probes (default 5s)
              --probes=N                 unanswered probes before the connection is dropped (default 3)
              --user-timeout=DURATION    drop the connection when data or probes stay unanswered this long;
                                         0ms turns it off (default: left as it is)

            watch options:
              --for=DURATION             stop watching after this long (default: until the connection ends)
              --connect-timeout=DURATION give up connecting after this long (default 10s)

            exit codes:
            """;
}
