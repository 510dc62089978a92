package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's answers that need no socket: help, usage errors in its own words, and their exit codes. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    /** Runs a command that must be refused as bad arguments, with nothing on stdout; returns the error line. */
    private String refused(String... args) {
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE.status());
        assertThat(out.size()).as("printed before the check").isZero();
        return error();
    }

    @Test
    void helpListsTheCommandsOptionsAndEveryExitCode() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("watch HOST:PORT", "--user-timeout=DURATION", "--for=DURATION", "PT30S");
        for (ExitCode code : ExitCode.values()) {
            assertThat(help).contains("  " + code.status() + "  " + code.meaning());
        }
        assertThat(help).contains("  6  could not connect (the name does not resolve");
        for (String[] asked : new String[][] {{"watch", "--help"}, {"help"}, {"-h"}, {"report", "--idle", "--help"},
                {"watch", "127.0.0.1:80", "--idle=banana", "--help"}}) {
            assertThat(run(asked)).as(String.join(" ", asked)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help);
            assertThat(err.size()).isZero();
        }
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhyInTheCommandLinesWords() {
        assertThat(refused("listen")).isEqualTo("error: unknown command 'listen'");
        assertThat(refused("report", "extra")).isEqualTo("error: report takes only options, not extra");
        assertThat(refused("--for=1s")).isEqualTo("error: unknown option '--for'");
        assertThat(refused("watch")).isEqualTo("error: watch needs the peer's HOST:PORT");
        assertThat(refused("watch", "127.0.0.1:0"))
                .isEqualTo("error: '127.0.0.1:0' has no port from 1 to 65535 after the last ':'");
        assertThat(refused("watch", "127.0.0.1:80", "--for=0s")).isEqualTo("error: --for must be positive, got 0s");
        assertThat(refused("watch", "127.0.0.1:80", "--for=-5s")).isEqualTo("error: --for must be positive, got -5s");
        assertThat(refused("watch", "127.0.0.1:80", "--connect-timeout=999999h")).isEqualTo(
                "error: --connect-timeout=999999h is too long: connecting waits at most 2147483647ms");
        assertThat(refused("--idle=-1s")).isEqualTo("error: --idle must be positive, got -1s");
        assertThat(refused("watch", "127.0.0.1:80", "--idle", "0ms"))
                .isEqualTo("error: --idle must be positive, got 0ms");
        assertThat(refused("report", "--idle", "--help=x")).isEqualTo("error: option '--idle' needs a value");
        assertThat(refused("--interval=5"))
                .isEqualTo("error: --interval=5 has no unit (use 30s, 1500ms, 2m, 1h or PT30S)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run with --help");
    }

    @Test
    void theCommandMustComeFirst() {
        String first = "error: the command must come first, before its options: socket-keepalive ";
        assertThat(refused("--idle=5s", "watch", "h:p")).isEqualTo(first + "watch --idle=5s h:p");
        assertThat(refused("--probes", "4", "report")).isEqualTo(first + "report --probes 4");
        assertThat(refused("--idle=5s", "watch", "it's:80")).endsWith("watch --idle=5s 'it'\\''s:80'");
    }

    @Test
    void anEmptyHostIsABadArgumentNotLocalhost() {
        assertThat(refused("watch", "[]:80")).isEqualTo("error: '[]:80' has no address between the brackets");
        assertThat(refused("watch", ":80")).isEqualTo("error: ':80' has no host: use HOST:PORT or [IPv6]:PORT");
    }

    @Test
    void addressesTakeHostsAndBracketedIpv6WithoutLookingAnythingUp() {
        assertThat(Target.parse("127.0.0.1:8080")).isEqualTo(new Target("127.0.0.1", 8080, "127.0.0.1:8080"));
        assertThat(Target.parse("[::1]:443")).isEqualTo(new Target("::1", 443, "[::1]:443"));
        assertThat(Target.parse("no-such-host.invalid:80").host()).isEqualTo("no-such-host.invalid");
        assertThatThrownBy(() -> Target.parse("127.0.0.1")).hasMessage("'127.0.0.1' has no port: use HOST:PORT"
                + " or [IPv6]:PORT");
        assertThatThrownBy(() -> Target.parse("127.0.0.1:http")).hasMessageContaining("no port from 1 to 65535");
        assertThatThrownBy(() -> Target.parse("127.0.0.1:65536")).hasMessageContaining("no port from 1 to 65535");
        assertThatThrownBy(() -> Target.parse("::1:80")).hasMessage("'::1:80': write an IPv6 address in brackets,"
                + " as [::1]:PORT");
        assertThatThrownBy(() -> Target.parse("[::1:80")).hasMessageContaining("unbalanced brackets");
        assertThatThrownBy(() -> Target.parse("[example.com]:80")).hasMessageContaining("no IPv6 address");
    }
}
