package dev.keepalive.cli;

import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line: {@code report} (the default) prints what this OS supports and shows settings applied to
 * a loopback connection; {@code watch HOST:PORT} watches a real connection until it ends. Run with
 * {@code --help} for the options and the exit codes.
 *
 * <p>Every argument is checked first, the settings against the running OS's limits included: a mistake is
 * reported, with exit code 2, before anything else is printed and before any socket is made.
 */
public final class Main {

    private static final Set<String> COMMANDS = Set.of("report", "watch", "help");

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
        List<String> words = List.of(args);
        if (words.contains("--help") || words.contains("-h") || !words.isEmpty() && words.get(0).equals("help")) {
            return usage(true, "", out, err).status();
        }
        Command command;
        try {
            command = read(words);
        } catch (IllegalArgumentException e) {
            return usage(false, e.getMessage(), out, err).status();
        } catch (UnsupportedOperationException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.FAILURE.status();
        }
        try {
            return command.run(out).status();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            out.flush();
            err.println("failed: " + Watch.reason(e));
            return ExitCode.FAILURE.status();
        }
    }

    /** A command whose arguments have all been checked. */
    private interface Command {
        ExitCode run(PrintStream out) throws IOException;
    }

    /**
     * Reads the command and checks every argument, the settings against this OS's limits included, before
     * anything is printed or any socket made.
     */
    private static Command read(List<String> words) {
        boolean named = !words.isEmpty() && !words.get(0).startsWith("-");
        if (!named) {
            words.stream().filter(COMMANDS::contains).findFirst().ifPresent(command -> {
                throw new IllegalArgumentException("the command must come first, before its options: "
                        + "socket-keepalive " + command + " " + rest(words, command));
            });
        }
        String name = named ? words.get(0) : "report";
        List<String> rest = named ? words.subList(1, words.size()) : words;
        return switch (name) {
            case "report" -> {
                Arguments arguments = Arguments.parse(rest, Arguments.SETTINGS);
                if (!arguments.positionals().isEmpty()) {
                    throw new IllegalArgumentException("report takes only options, not "
                            + String.join(" ", arguments.positionals()));
                }
                KeepAlive settings = Settings.read(arguments, SocketKeepAlive.capabilities());
                yield out -> Demo.run(settings, out);
            }
            case "watch" -> Watch.parse(Arguments.parse(rest, Watch.OPTIONS), SocketKeepAlive.capabilities())::run;
            default -> throw new IllegalArgumentException("unknown command '" + name + "'");
        };
    }

    /** The words without the first occurrence of the command, each quoted where the shell would need it. */
    private static String rest(List<String> words, String command) {
        List<String> rest = new ArrayList<>(words);
        rest.remove(command);
        return rest.stream().map(word -> word.matches("[\\w@%+=:,./\\[\\]-]+") ? word
                : "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
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

            The command comes first, then its words and options in any order. Every argument is checked,
            the settings against this OS's limits too, before anything is printed or connected.

            commands:
              report  (the default) print what this OS supports, then apply SETTINGS to a loopback
                      connection and show each value before, as requested, as applied and as the JDK reads it
              watch   connect to HOST:PORT (or [IPv6]:PORT), apply SETTINGS, read and discard what the peer
                      sends, and report how the connection ended; when keep-alive ends it, the silence
                      measured is shown beside the silence the settings predict

            SETTINGS (a DURATION is a whole number with ms, s, m or h, such as 1500ms, 30s, 2m, 1h,
            or ISO-8601 such as PT30S):
              --keepalive=on|off         turn keep-alive on or off (default on)
              --idle=DURATION            silence before the first probe (default 30s)
              --interval=DURATION        time between probes (default 5s)
              --probes=N                 unanswered probes before the connection is dropped (default 3)
              --user-timeout=DURATION    drop the connection when data or probes stay unanswered this long;
                                         0ms turns it off (default: left as it is)
            The report command lists each setting's range on this OS.

            watch options:
              --for=DURATION             stop watching after this long (default: until the connection ends)
              --connect-timeout=DURATION give up connecting after this long (default 10s)

            exit codes:
            """;
}
