package dev.keepalive;

import static dev.keepalive.testing.Settings.WANTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.DefaultsProbe;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.Loopback;
import dev.keepalive.testing.PrivateNetwork;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The effective-value report and the system defaults on real Linux sockets, checked against the sysctl files
 * themselves, the JDK's {@code ExtendedSocketOptions}, a plain {@code getsockopt}, and a network namespace whose
 * defaults the test sets.
 */
@EnabledOnOs(OS.LINUX)
class EffectiveKeepAliveIT {
    private static final String LINUX = Os.LINUX.displayName();


    /** A sysctl file, read line by line: procfs reports a size of 0. */
    private static long sysctl(String name) throws Exception {
        return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/ipv4", name)).get(0).trim());
    }

    @Test
    void systemDefaultsAreTheSysctlFilesAndWhatAFreshSocketReports() throws Exception {
        SystemDefaults defaults = SocketKeepAlive.systemDefaults();

        assertThat(defaults.os()).isEqualTo(LINUX);
        assertThat(defaults.idle().value()).contains(Duration.ofSeconds(sysctl("tcp_keepalive_time")));
        assertThat(defaults.interval().value()).contains(Duration.ofSeconds(sysctl("tcp_keepalive_intvl")));
        assertThat(defaults.probes().value()).contains((int) sysctl("tcp_keepalive_probes"));
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(defaults.idle().origin()).isEqualTo("/proc/sys/net/ipv4/tcp_keepalive_time");
        assertThat(defaults.probes().origin()).isEqualTo("/proc/sys/net/ipv4/tcp_keepalive_probes");
        try (SocketChannel fresh = SocketChannel.open()) {
            assertThat(defaults.idle().value())
                    .contains(Duration.ofSeconds(fresh.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)));
            assertThat(defaults.interval().value())
                    .contains(Duration.ofSeconds(fresh.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
            assertThat(defaults.probes().value()).contains(fresh.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "::1"})
    void aFreshSocketReportsTheDefaultsReadFromTheSocket(String address) throws Exception {
        try (Loopback loopback = Loopback.open(address)) {
            EffectiveKeepAlive effective = SocketKeepAlive.of(loopback.client).effective();

            assertThat(effective.os()).isEqualTo(LINUX);
            assertThat(effective.enabled().value()).contains(false);
            assertThat(effective.enabled().origin()).isEqualTo("getsockopt(SO_KEEPALIVE)");
            assertThat(effective.idle().value()).contains(Duration.ofSeconds(sysctl("tcp_keepalive_time")));
            assertThat(effective.interval().value()).contains(Duration.ofSeconds(sysctl("tcp_keepalive_intvl")));
            assertThat(effective.probes().value()).contains((int) sysctl("tcp_keepalive_probes"));
            assertThat(effective.userTimeout().value()).contains(Duration.ZERO);
            for (SourcedValue<?> field : new SourcedValue<?>[] {effective.enabled(), effective.idle(),
                effective.interval(), effective.probes(), effective.userTimeout()}) {
                assertThat(field.source()).as(field.toString()).isEqualTo(ValueSource.SOCKET);
            }
            assertThat(effective.detectionTime()).as("keep-alive is off").isEmpty();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "::1"})
    void afterApplyEveryFieldIsReadFromTheSocketAndMatchesTheJdk(String address) throws Exception {
        try (Loopback loopback = Loopback.open(address)) {
            SocketChannel channel = loopback.client;
            SocketKeepAlive keepAlive = SocketKeepAlive.of(channel);
            keepAlive.apply(WANTED);
            EffectiveKeepAlive effective = keepAlive.effective();

            assertThat(effective.enabled().value()).contains(channel.getOption(StandardSocketOptions.SO_KEEPALIVE))
                    .contains(true);
            assertThat(effective.idle().value())
                    .contains(Duration.ofSeconds(channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)))
                    .isEqualTo(WANTED.idle());
            assertThat(effective.interval().value())
                    .contains(Duration.ofSeconds(channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)))
                    .isEqualTo(WANTED.interval());
            assertThat(effective.probes().value()).contains(channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                    .contains(4);
            int userTimeoutMillis = Descriptors.getsockopt(Descriptors.of(channel), posix_h.IPPROTO_TCP(),
                    posix_h.TCP_USER_TIMEOUT());
            assertThat(effective.userTimeout().value()).contains(Duration.ofMillis(userTimeoutMillis))
                    .isEqualTo(WANTED.userTimeout());
            assertThat(effective.idle().origin()).isEqualTo("getsockopt(TCP_KEEPIDLE)");
            assertThat(effective.userTimeout().origin()).isEqualTo("getsockopt(TCP_USER_TIMEOUT)");
            for (SourcedValue<?> field : new SourcedValue<?>[] {effective.enabled(), effective.idle(),
                effective.interval(), effective.probes(), effective.userTimeout()}) {
                assertThat(field.source()).as(field.toString()).isEqualTo(ValueSource.SOCKET);
            }
            // the user timeout (12.345 s) falls before the first probe (31 s): dropped at the second probe
            assertThat(effective.detectionTime()).contains(Duration.ofSeconds(38));

            keepAlive.setUserTimeout(Duration.ZERO);
            assertThat(keepAlive.effective().detectionTime()).contains(Duration.ofSeconds(31 + 4 * 7));
            keepAlive.setUserTimeout(Duration.ofSeconds(100));
            assertThat(keepAlive.effective().detectionTime()).contains(Duration.ofSeconds(101));
        }
    }

    @Test
    void inANetworkNamespaceWithOtherDefaultsTheLibraryReadsThoseOfTheNamespace() throws Exception {
        PrivateNetwork.requireAvailable();
        // written by the namespace's root before the child JVM starts; only sockets of that namespace see them
        Map<String, String> sysctls = new LinkedHashMap<>();
        sysctls.put("net/ipv4/tcp_keepalive_time", "1234");
        sysctls.put("net/ipv4/tcp_keepalive_intvl", "17");
        sysctls.put("net/ipv4/tcp_keepalive_probes", "5");
        Jvm.Result result = PrivateNetwork.runJava(DefaultsProbe.class.getName(), List.of(), Duration.ofSeconds(60),
                sysctls);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains("defaults=1234/17/5 SYSTEM_DEFAULT",
                "effective=1234/17/5 SOCKET", "jdk=1234/17/5");
        assertThat(sysctl("tcp_keepalive_time")).as("the test's own namespace is untouched").isNotEqualTo(1234);
    }
}
