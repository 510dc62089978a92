package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings string: {@link KeepAlive#parse(String)} and {@link KeepAlive#toSettingsString()}. */
class SettingsTextTest {

    @Test
    void readsEveryKeyAndEveryDurationForm() {
        KeepAlive settings = KeepAlive.parse("enabled=true,idle=30s,interval=1500ms,probes=4,userTimeout=2m");
        assertThat(settings).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(30))
                .interval(Duration.ofMillis(1500)).probes(4).userTimeout(Duration.ofMinutes(2)).build());
        assertThat(KeepAlive.parse("idle=1h").idle()).contains(Duration.ofHours(1));
        assertThat(KeepAlive.parse("idle=PT30S").idle()).contains(Duration.ofSeconds(30));
        assertThat(KeepAlive.parse("idle=pt0.25s").idle()).contains(Duration.ofMillis(250));
        assertThat(KeepAlive.parse("userTimeout=0s").userTimeout()).contains(Duration.ZERO);
        assertThat(KeepAlive.parse("enabled=false")).isEqualTo(KeepAlive.builder().enabled(false).build());
        assertThat(KeepAlive.parse(" idle = 30S , probes= 3 ")).isEqualTo(
                KeepAlive.builder().idle(Duration.ofSeconds(30)).probes(3).build());
    }

    @Test
    void keysLeftOutStayAbsentAndEnabledDefaultsToTrue() {
        KeepAlive settings = KeepAlive.parse("probes=5");
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.idle()).isEmpty();
        assertThat(settings.interval()).isEmpty();
        assertThat(settings.userTimeout()).isEmpty();
        assertThat(settings.probes()).hasValue(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "idle=30s,interval=5s,probes=3",
        "enabled=true",
        "enabled=false",
        "enabled=false,idle=2h,interval=90s,probes=127,userTimeout=0s",
        "idle=1500ms,userTimeout=3m",
        "interval=PT0.0000005S"})
    void theCanonicalFormPrintsBackToItself(String text) {
        assertThat(KeepAlive.parse(text).toSettingsString()).isEqualTo(text);
    }

    @Test
    void printsTheLargestUnitThatHoldsTheDurationExactly() {
        assertThat(KeepAlive.builder().idle(Duration.ofSeconds(7200)).interval(Duration.ofSeconds(120))
                .userTimeout(Duration.ofMillis(61_000)).build().toSettingsString())
                .isEqualTo("idle=2h,interval=2m,userTimeout=61s");
        assertThat(KeepAlive.parse("idle=PT1M30S,enabled=true").toSettingsString()).isEqualTo("idle=90s");
        assertThat(KeepAlive.builder().idle(Duration.ofSeconds(Long.MAX_VALUE, 999_000_000)).build()
                .toSettingsString()).isEqualTo("idle=" + Duration.ofSeconds(Long.MAX_VALUE, 999_000_000));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "idle=banana; idle: 'banana' is not a duration",
        "idle=0s; idle must be positive, was PT0S",
        "interval=-5s; interval: '-5s' is not a duration",
        "interval=PT-5S; interval must be positive, was PT-5S",
        "idle=1.5s; idle: '1.5s' is not a duration",
        "idle=; idle: '' is not a duration",
        "idle=99999999999999999999h; idle: '99999999999999999999h' is not a duration that fits",
        "idle=9223372036854775807h; idle: '9223372036854775807h' is not a duration that fits",
        "probes=0; probes must be at least 1, was 0",
        "probes=three; probes: 'three' is not a whole number",
        "userTimeout=PT-1S; userTimeout must not be negative, was PT-1S",
        "enabled=yes; enabled: 'yes' is not true or false",
        "idleTime=30s; unknown key 'idleTime' in keep-alive settings; known keys: enabled, idle, interval,"
                + " probes, userTimeout",
        "idle=30s,idle=40s; idle is given twice",
        "idle=30s,,probes=3; empty pair in keep-alive settings 'idle=30s,,probes=3'",
        "idle=30s,; empty pair",
        "idle 30s; 'idle 30s' in keep-alive settings is not key=value"})
    void refusesBadTextNamingTheKeyOrTheTextAtFault(String text, String message) {
        assertThatThrownBy(() -> KeepAlive.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesNoSettingsAtAll() {
        assertThatThrownBy(() -> KeepAlive.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no keep-alive settings given");
        assertThatThrownBy(() -> KeepAlive.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Property(tries = 2000)
    void anySettingsPrintToTextThatParsesBackToThemAndPrintsTheSame(@ForAll("settings") KeepAlive settings) {
        String text = settings.toSettingsString();
        KeepAlive parsed = KeepAlive.parse(text);
        assertThat(parsed).as(text).isEqualTo(settings);
        assertThat(parsed.toSettingsString()).isEqualTo(text);
    }

    @Provide
    Arbitrary<KeepAlive> settings() {
        return Combinators.combine(Arbitraries.of(true, false), positive().injectNull(0.3),
                positive().injectNull(0.3), Arbitraries.integers().between(1, Integer.MAX_VALUE).injectNull(0.3),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Duration.ZERO)), Tuple.of(5, positive()))
                        .injectNull(0.3)).as((enabled, idle, interval, probes, user) -> {
                    KeepAlive.Builder builder = KeepAlive.builder().enabled(enabled);
                    if (idle != null) {
                        builder.idle(idle);
                    }
                    if (interval != null) {
                        builder.interval(interval);
                    }
                    if (probes != null) {
                        builder.probes(probes);
                    }
                    if (user != null) {
                        builder.userTimeout(user);
                    }
                    return builder.build();
                });
    }

    /** Whole hours, minutes, seconds and milliseconds, fractions of them, and durations anywhere. */
    private static Arbitrary<Duration> positive() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(1, 100_000).map(Duration::ofHours)),
                Tuple.of(2, Arbitraries.longs().between(1, 100_000).map(Duration::ofMinutes)),
                Tuple.of(2, Arbitraries.longs().between(1, 100_000).map(Duration::ofSeconds)),
                Tuple.of(2, Arbitraries.longs().between(1, 100_000_000).map(Duration::ofMillis)),
                Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE).map(Duration::ofNanos)),
                Tuple.of(1, Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(1, 999_999_999)).as(Duration::ofSeconds)));
    }
}
