package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.PrivateNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * How {@code watch} tells a connection that could not be made, in a private network the test makes (loopback
 * only, so no lookup or SYN leaves the machine): a name that does not resolve and a SYN that is never answered
 * both exit with 6, "could not connect", and say what happened.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WatchConnectIT {

    private static final Duration LIMIT = Duration.ofSeconds(40);

    @Test
    void aNameThatDoesNotResolveIsAFailureToConnect() throws Exception {
        PrivateNetwork.requireAvailable();
        Jvm.Result result = PrivateNetwork.runJava(Main.class.getName(),
                List.of("watch", "no-such-host.invalid:80", "--connect-timeout=2s"), LIMIT);
        assertThat(result.output().strip()).isEqualTo("could not connect to no-such-host.invalid:80: the name"
                + " 'no-such-host.invalid' does not resolve to an address");
        assertThat(result.exitCode()).isEqualTo(ExitCode.NO_CONNECTION.status());
    }

    @Test
    void anUnansweredSynSaysNoAnswerCameInTime() throws Exception {
        PrivateNetwork.requireFirewall();
        // 1 ms often runs out before the JDK even sends the SYN; its exception then has no message
        for (String timeout : List.of("1ms", "300ms")) {
            Jvm.Result result = PrivateNetwork.runJava(DroppedSyn.class.getName(),
                    List.of("9", "watch", "127.0.0.1:9", "--connect-timeout=" + timeout), LIMIT);
            assertThat(result.output().strip()).as(timeout).isEqualTo("could not connect to 127.0.0.1:9: no answer"
                    + " within " + timeout + " (--connect-timeout=" + timeout + ")");
            assertThat(result.exitCode()).isEqualTo(ExitCode.NO_CONNECTION.status());
        }
    }
}
