package dev.keepalive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    private static Peer connected(String address, String name, int port) {
        return new Peer(InetAddress.ofLiteral(address), name, port, false);
    }

    private static Peer accepted(String address, int localPort) {
        return new Peer(InetAddress.ofLiteral(address), null, localPort, true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // target | peer address | name it was reached by (empty: none) | service port | matches
        ":5432           | 10.1.2.3   |                  | 5432 | true",
        ":5432           | 10.1.2.3   |                  | 5433 | false",
        ":8000-8099      | 10.1.2.3   |                  | 8099 | true",
        ":8000-8099      | 10.1.2.3   |                  | 7999 | false",
        "10.0.0.0/8      | 10.255.0.1 |                  | 1    | true",
        "10.0.0.0/8      | 11.0.0.1   |                  | 1    | false",
        "192.168.1.7     | 192.168.1.7|                  | 80   | true",
        "192.168.1.7     | 192.168.1.8|                  | 80   | false",
        "0.0.0.0/0       | 8.8.8.8    |                  | 53   | true",
        "0.0.0.0/0       | ::1        |                  | 53   | false",
        "[fd00::/8]      | fd12::1    |                  | 1    | true",
        "[fd00::/8]      | fe80::1    |                  | 1    | false",
        "[::1]:80-89     | ::1        |                  | 85   | true",
        "[::1]:80-89     | ::1        |                  | 90   | false",
        "db.example.com  | 10.1.2.3   | db.example.com   | 5432 | true",
        "DB.Example.com  | 10.1.2.3   | db.example.com   | 5432 | true",
        "db.example.com  | 10.1.2.3   | db2.example.com  | 5432 | false",
        "db.example.com  | 10.1.2.3   |                  | 5432 | false",
        "*.example.com   | 10.1.2.3   | db.example.com   | 5432 | true",
        "*.example.com   | 10.1.2.3   | a.b.example.com  | 5432 | true",
        "*.example.com   | 10.1.2.3   | example.com      | 5432 | false",
        "*.example.com   | 10.1.2.3   | badexample.com   | 5432 | false",
        "db.example.com:5432 | 10.1.2.3 | db.example.com | 6432 | false",
        "10.0.0.0/8:6379 | 10.0.0.9   |                  | 6379 | true",
        "10.0.0.0/8:6379 | 10.0.0.9   |                  | 6380 | false",
    })
    void aTargetMatchesByHostAndServicePort(String target, String address, String name, int port, boolean matches) {
        assertThat(Target.parse(target).matches(connected(address, name, port))).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":8080         | 127.0.0.1 | 8080 | true",
        ":8080         | 127.0.0.1 | 9090 | false",
        "localhost     | 127.0.0.1 | 8080 | false",
        "127.0.0.0/8   | 127.0.0.1 | 8080 | true",
    })
    void anAcceptedConnectionMatchesByItsLocalPortAndPeerAddressButNeverByName(String target, String address,
            int localPort, boolean matches) {
        assertThat(Target.parse(target).matches(accepted(address, localPort))).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DB.example.COM:05432 | db.example.com:5432",
        "10.0.0.0/8           | 10.0.0.0/8",
        "[0:0:0:0:0:0:0:1]    | [::1]",
        "[2001:DB8:0:0:1:0:0:1] | [2001:db8::1:0:0:1]",
        "[fd00::]             | [fd00::]",
        ":80-80               | :80",
        "*.Internal           | *.internal",
    })
    void aTargetPrintsInCanonicalForm(String text, String canonical) {
        assertThat(Target.parse(text).toString()).isEqualTo(canonical);
        assertThat(Target.parse(canonical)).isEqualTo(Target.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.1.0.0/8      | has bits set below its prefix: did you mean 10.0.0.0/8?",
        "10.0.0.0/x      | 'x' in '10.0.0.0/x' is not a prefix length from 0 to 32",
        "300.1.2.3       | '300.1.2.3' is not an IPv4 or IPv6 address",
        "[10.0.0.1]      | brackets are for IPv6 addresses",
        "[::1            | opens [ without closing it",
        "[::1]5432       | has '5432' after ]",
        "fe80::1:80      | put an IPv6 address in brackets",
        ":9000-8000      | ends before it starts",
        ":0              | '0' is not a port from 1 to 65535",
        "db_1.example    | 'db_1.example' is not a host name, *.domain or address range",
        "*.              | is not a host name",
        "a.*.com         | is not a host name",
    })
    void aMalformedTargetIsRefused(String text, String message) {
        assertThatThrownBy(() -> Target.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
