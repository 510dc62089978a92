package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's answers that need no socket: help, usage errors and their exit codes. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsOptionsAndEveryExitCode() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("watch HOST:PORT", "--user-timeout=DURATION", "--for=DURATION");
        for (ExitCode code : ExitCode.values()) {
            assertThat(help).contains("  " + code.status() + "  " + code.meaning());
        }
        out.reset();
        assertThat(run("watch", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(help);
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        assertThat(run("listen")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: unknown command 'listen'");
        assertThat(run("report", "extra")).isEqualTo(2);
        assertThat(run("--for=1s")).isEqualTo(2);
        assertThat(run("watch")).isEqualTo(2);
        assertThat(run("watch", "127.0.0.1:0")).isEqualTo(2);
        assertThat(run("watch", "127.0.0.1:80", "--for=0s")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--for must be positive, got 0ms");
        assertThat(out.size()).isZero();
    }

    @Test
    void addressesTakeHostsAndBracketedIpv6() {
        assertThat(Watch.address("127.0.0.1:8080")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(Watch.address("[::1]:443")).isEqualTo(new InetSocketAddress("::1", 443));
        assertThatThrownBy(() -> Watch.address("127.0.0.1")).hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> Watch.address("127.0.0.1:http")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> Watch.address("127.0.0.1:65536")).hasMessageContaining("1 to 65535");
    }
}
