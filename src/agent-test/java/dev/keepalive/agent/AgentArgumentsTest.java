package dev.keepalive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentArgumentsTest {

    @Test
    void theSettingsAloneCoverEveryConnectionBothWays() {
        Policy policy = AgentArguments.parse("idle=19s,interval=3s,probes=6");

        assertThat(policy.settings()).isEqualTo(KeepAlive.builder()
                .idle(Duration.ofSeconds(19)).interval(Duration.ofSeconds(3)).probes(6).build());
        assertThat(policy.direction()).isEqualTo(Direction.BOTH);
        assertThat(policy.rules()).isEqualTo(Rules.ALL);
    }

    @Test
    void rulesAndDirectionSitAmongTheSettingsInAnyOrder() {
        Policy policy = AgentArguments.parse(
                "only=:5432, idle=30s ,except=10.0.0.0/8,direction=outgoing,only=*.example.com,userTimeout=PT45S");

        assertThat(policy.settings()).isEqualTo(KeepAlive.builder()
                .idle(Duration.ofSeconds(30)).userTimeout(Duration.ofSeconds(45)).build());
        assertThat(policy.direction()).isEqualTo(Direction.OUTGOING);
        assertThat(policy.rules().only()).containsExactly(Target.parse(":5432"), Target.parse("*.example.com"));
        assertThat(policy.rules().except()).containsExactly(Target.parse("10.0.0.0/8"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "idle=19s,interval=3s,probes=6",
        "enabled=false",
        "idle=1500ms,direction=incoming,only=[fd00::/8]:8000-8099,except=db.example.com",
        "userTimeout=2m,only=192.168.1.7,only=:6379,except=10.0.0.0/8:5432",
    })
    void aPolicyPrintsBackToItsArgument(String argument) {
        Policy policy = AgentArguments.parse(argument);

        assertThat(policy.toString()).isEqualTo(argument);
        assertThat(AgentArguments.parse(policy.toString())).isEqualTo(policy);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "idle=banana|idle",
        "idle=30s,probes=0|probes",
        "interval=-5s|interval",
        "idle=30s,only=10.0.0.0/33|only: '33' in '10.0.0.0/33' is not a prefix length from 0 to 32",
        "idle=30s,except=:70000|except: ':70000': '70000' is not a port from 1 to 65535",
        "idle=30s,only=::1|put an IPv6 address in brackets",
        "idle=30s,only=|only: empty",
        "idle=30s,direction=sideways|direction: 'sideways' is not both, outgoing or incoming",
        "idle=30s,direction=both,direction=incoming|direction is given twice",
        "idle=30s,idle=40s|idle is given twice",
        "idle=30s,port=5432|unknown key 'port'; known keys: enabled, idle, interval, probes, userTimeout, only, except,"
                + " direction",
        "idle=30s,,probes=3|empty pair",
        "idle 30s|'idle 30s' is not key=value",
        "only=:5432|no keep-alive settings in 'only=:5432'",
    })
    void aMalformedArgumentIsRefusedNamingTheKeyOrTheText(String argument, String message) {
        assertThatThrownBy(() -> AgentArguments.parse(argument))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingArgumentIsRefusedWithAnExample() {
        assertThatThrownBy(() -> AgentArguments.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("=idle=30s,interval=5s,probes=3");
        assertThatThrownBy(() -> AgentArguments.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no keep-alive settings given");
    }
}
