package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class DemoIT {

    @Test
    void printsCapabilitiesAndTheValuesSideBySide() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--idle=20s", "--interval", "3s", "--probes=4", "--user-timeout=1500ms"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).isZero();
        assertThat(output).contains("OS: Linux", "TCP_KEEPIDLE", "reached through: native handle");
        String idle = sysctl("tcp_keepalive_time");
        String probes = sysctl("tcp_keepalive_probes");
        // the system defaults, and where they were read
        assertThat(output.lines()).anyMatch(line -> line.equals(String.format(
                "%-12s %-10s system default: /proc/sys/net/ipv4/tcp_keepalive_time", "idle", idle + "s")));
        // default, before, requested, effective, what the JDK reads, and the effective value's source
        assertThat(output.lines()).anyMatch(line -> line.matches(
                "idle +" + idle + "s +" + idle + "s +20s +20s +20s +socket: getsockopt\\(TCP_KEEPIDLE\\)"));
        assertThat(output.lines()).anyMatch(line -> line.matches(
                "probes +" + probes + " +" + probes + " +4 +4 +4 +socket: getsockopt\\(TCP_KEEPCNT\\)"));
        assertThat(output.lines()).anyMatch(line -> line.matches(
                "userTimeout +- +0ms +1500ms +1500ms +\\(none\\) +socket: getsockopt\\(TCP_USER_TIMEOUT\\)"));
        // 20 s idle, then probes every 3 s: the first at or after the 1.5 s user timeout drops the connection
        assertThat(output).contains("A silent peer is declared dead after about 23s of silence.");
    }

    /** A system default a new socket starts with. */
    private static String sysctl(String name) throws java.io.IOException {
        // procfs reports a size of 0, so read it line by line
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4", name)).get(0).trim();
    }
}
