package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.PrivateNetwork;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What a socket reports can be given back: in a network namespace whose keep-alive defaults lie above what
 * {@code setsockopt} takes (the kernel accepts {@code tcp_keepalive_time} and {@code tcp_keepalive_intvl} up
 * to any int of seconds and {@code tcp_keepalive_probes} up to 255, while {@code TCP_KEEPIDLE} and
 * {@code TCP_KEEPINTVL} take at most 32767 s and {@code TCP_KEEPCNT} at most 127), {@code current()} goes back
 * through {@code apply}, {@code toBuilder()} and {@code AcceptedSockets}, and the JDK's own options read what
 * the kernel holds afterwards.
 */
@EnabledOnOs(OS.LINUX)
class ReadValuesRoundTripIT {

    @Test
    void valuesAboveTheSettableRangeAreLeftAsTheyAre() throws Exception {
        PrivateNetwork.requireAvailable();
        Map<String, String> sysctls = new LinkedHashMap<>();
        sysctls.put("net/ipv4/tcp_keepalive_time", "40000");
        sysctls.put("net/ipv4/tcp_keepalive_intvl", "36000");
        sysctls.put("net/ipv4/tcp_keepalive_probes", "200");
        Jvm.Result result = PrivateNetwork.runJava(ReadValuesScenario.class.getName(), List.of(),
                Duration.ofSeconds(60), sysctls);
        String output = result.output();
        System.out.println("[ReadValuesRoundTripIT]\n" + output.strip());

        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output.lines()).containsExactly(
                "current: KeepAlive[enabled=false, idle=PT11H6M40S (as read), interval=PT10H (as read),"
                        + " probes=200 (as read), userTimeout=PT0S]",
                // every value as the kernel had it (keep-alive stays off, as read)
                "apply(current()): ok jdk=false/40000/36000/200",
                "apply(current().toBuilder().probes(4)): ok jdk=false/40000/36000/4",
                "copy(listener, accepted): ok jdk=false/40000/36000/200",
                "accept with the copy: ok jdk=false/40000/9/200",
                "apply(idle 40000 s made by the user): java.lang.IllegalArgumentException: idle PT11H6M40S is"
                        + " outside TCP_KEEPIDLE's range on Linux: 1 to 32767 s (durations are rounded up to whole"
                        + " seconds) jdk=false/40000/36000/4");
    }
}
