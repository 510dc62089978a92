package dev.keepalive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // rules and direction after idle=30s | peer | name | service port | accepted | covered
        "                                     | 10.0.0.1 |      | 5432 | false | true",
        "                                     | 10.0.0.1 |      | 5432 | true  | true",
        ",direction=outgoing                  | 10.0.0.1 |      | 5432 | true  | false",
        ",direction=incoming                  | 10.0.0.1 |      | 5432 | false | false",
        ",direction=incoming                  | 10.0.0.1 |      | 5432 | true  | true",
        ",only=:5432                          | 10.0.0.1 |      | 5432 | false | true",
        ",only=:5432                          | 10.0.0.1 |      | 6379 | false | false",
        ",only=:5432,only=:6379               | 10.0.0.1 |      | 6379 | false | true",
        ",except=:5432                        | 10.0.0.1 |      | 5432 | false | false",
        ",except=:5432                        | 10.0.0.1 |      | 6379 | false | true",
        ",only=10.0.0.0/8,except=10.0.0.1     | 10.0.0.1 |      | 80   | false | false",
        ",only=10.0.0.0/8,except=10.0.0.1     | 10.0.0.2 |      | 80   | false | true",
        ",only=*.db.internal,except=:22       | 10.0.0.2 | x.db.internal | 5432 | false | true",
        ",only=*.db.internal,except=:22       | 10.0.0.2 | x.db.internal | 22   | false | false",
        ",only=*.db.internal                  | 10.0.0.2 |      | 5432 | false | false",
    })
    void aConnectionIsCoveredWhenItsDirectionIsAndItMatchesAnOnlyAndNoExcept(String rules, String address,
            String name, int port, boolean accepted, boolean covered) {
        Policy policy = AgentArguments.parse("idle=30s" + (rules == null ? "" : rules));

        assertThat(policy.covers(new Peer(InetAddress.ofLiteral(address), name, port, accepted))).isEqualTo(covered);
    }
}
