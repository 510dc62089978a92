package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keepalive.testing.Loopback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The kernel's own view of the connection ({@code ss -tnoi}): the keep-alive timer runs with the idle time set. */
@EnabledOnOs(OS.LINUX)
class KernelViewIT {

    private static final Pattern KEEPALIVE_TIMER =
            Pattern.compile("timer:\\(keepalive,(?:(\\d+)min)?(?:(\\d+)sec)?(?:(\\d+)ms)?,\\d+\\)");

    @Test
    void theKernelArmsTheKeepAliveTimerWithTheIdleTimeAndDisarmsItWhenOff() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "ss (iproute2) is not installed");
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int port = ((InetSocketAddress) loopback.client.getLocalAddress()).getPort();
            SocketKeepAlive keepAlive = SocketKeepAlive.of(loopback.client);
            assertThat(ss(port)).doesNotContain("keepalive");

            keepAlive.apply(KeepAlive.builder().idle(Duration.ofSeconds(77)).build());
            Matcher timer = KEEPALIVE_TIMER.matcher(ss(port));
            assertThat(timer.find()).as("keep-alive timer in ss output").isTrue();
            long millis = group(timer, 1) * 60_000 + group(timer, 2) * 1000 + group(timer, 3);
            assertThat(millis).as("time left on the timer").isBetween(67_000L, 77_000L);

            keepAlive.setEnabled(false);
            assertThat(ss(port)).doesNotContain("keepalive");
        }
    }

    private static long group(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }

    private static String ss(int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ss", "-tnoi", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ss did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
