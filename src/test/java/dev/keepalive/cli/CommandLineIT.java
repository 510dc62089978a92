package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The command line checks the settings against the running kernel's limits before it prints or connects, and
 * the limit it names is the kernel's: the largest value the kernel takes through the JDK's own socket options,
 * one more being refused.
 */
@EnabledOnOs(OS.LINUX)
class CommandLineIT {

    private static final Pattern AT_MOST = Pattern.compile("takes at most (\\d+)(s?)$");

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

    @Test
    void aValueAboveTheKernelsLimitIsRefusedBeforeTheReportPrintsAnything() throws Exception {
        assertThat(run("report", "--idle=40000s")).isEqualTo(ExitCode.USAGE.status());
        assertThat(out.size()).as("stdout").isZero();
        assertThat(error()).isEqualTo("error: --idle=40000s is too long: TCP_KEEPIDLE on Linux takes at most 32767s");
        assertKernelLimit(ExtendedSocketOptions.TCP_KEEPIDLE, error());

        assertThat(run("--interval=PT11H6M40S")).isEqualTo(ExitCode.USAGE.status());
        assertThat(out.size()).isZero();
        assertThat(error()).isEqualTo("error: --interval=PT11H6M40S is too long: TCP_KEEPINTVL on Linux takes at"
                + " most PT9H6M7S");

        assertThat(run("--idle=12h")).isEqualTo(ExitCode.USAGE.status());
        assertThat(error()).isEqualTo("error: --idle=12h is too long: TCP_KEEPIDLE on Linux takes at most 32767s");

        assertThat(run("--probes=200")).isEqualTo(ExitCode.USAGE.status());
        assertThat(out.size()).isZero();
        assertThat(error()).isEqualTo("error: --probes=200 is too many: TCP_KEEPCNT on Linux takes at most 127");
        assertKernelLimit(ExtendedSocketOptions.TCP_KEEPCOUNT, error());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(run("report", "--idle=32767s", "--interval=32767000ms", "--probes=127")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).anyMatch(line -> line.matches(
                "idle .* 32767s +32767s +32767s +socket: getsockopt\\(TCP_KEEPIDLE\\)"));
        assertThat(err.size()).isZero();
    }

    /** The kernel takes the limit the message names and refuses one more. */
    private static void assertKernelLimit(SocketOption<Integer> option, String message) throws Exception {
        Matcher limit = AT_MOST.matcher(message);
        assertThat(limit.find()).as(message).isTrue();
        int max = Integer.parseInt(limit.group(1));
        try (SocketChannel channel = SocketChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.setOption(option, max);
            assertThat(channel.getOption(option)).isEqualTo(max);
            assertThatThrownBy(() -> channel.setOption(option, max + 1)).isInstanceOf(SocketException.class);
        }
    }
}
