package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(String... args) {
        return Arguments.parse(List.of(args), Set.of("idle", "interval", "probes"));
    }

    @Test
    void optionsKeepWhatWasTyped() {
        Arguments arguments = parse("localhost:80", "--idle=2m", "--interval", "500ms", "--probes=7");
        assertThat(arguments.positionals()).containsExactly("localhost:80");
        assertThat(arguments.duration("idle")).contains(Duration.ofMinutes(2));
        assertThat(arguments.option("idle").orElseThrow().shown()).isEqualTo("--idle=2m");
        assertThat(arguments.option("interval").orElseThrow().shown()).isEqualTo("--interval 500ms");
        assertThat(arguments.integer("probes")).hasValue(7);
        assertThat(parse().duration("idle")).isEmpty();
    }

    @Test
    void refusesWhatItCannotUseNamingTheOptionAsTyped() {
        assertThatThrownBy(() -> parse("--speed=3")).hasMessage("unknown option '--speed'");
        assertThatThrownBy(() -> parse("--idle")).hasMessage("option '--idle' needs a value");
        assertThatThrownBy(() -> parse("--idle=1s", "--idle=2s")).hasMessage("option '--idle' given twice");
        assertThatThrownBy(() -> parse("--idle=3x").duration("idle"))
                .hasMessage("--idle=3x is not a duration (use 30s, 1500ms, 2m, 1h or PT30S)");
        assertThatThrownBy(() -> parse("--idle", "5").duration("idle"))
                .hasMessage("--idle 5 has no unit (use 30s, 1500ms, 2m, 1h or PT30S)");
        assertThatThrownBy(() -> parse("--idle=99999999999999999h").duration("idle"))
                .hasMessage("--idle=99999999999999999h is too long to be a duration");
        assertThatThrownBy(() -> parse("--probes=many").integer("probes"))
                .hasMessage("--probes=many is not a whole number");
        // too large for a long is still a number, for a range check to name
        assertThat(parse("--probes=99999999999999999999").integer("probes")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void aWordWithTwoDashesIsNeverTakenAsAValue() {
        assertThatThrownBy(() -> parse("--idle", "--interval=1s")).hasMessage("option '--idle' needs a value");
        // one dash is a value: a negative number, for the range check to refuse in its own words
        assertThat(parse("--idle", "-1s").duration("idle")).contains(Duration.ofSeconds(-1));
    }

    @Test
    void durationsTakeTheLibrarySettingsForms() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse(" 1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("PT11H6M40S")).isEqualTo(Duration.ofSeconds(40000));
        assertThatThrownBy(() -> Durations.parse("PT")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessageContaining("is not a duration");
    }

    @Test
    void durationsPrintInTheUnitTypedWhereExact() {
        Duration limit = Duration.ofSeconds(32767);
        assertThat(Durations.formatLike(limit, "40000s")).isEqualTo("32767s");
        assertThat(Durations.formatLike(limit, "40000000ms")).isEqualTo("32767000ms");
        assertThat(Durations.formatLike(limit, "12h")).isEqualTo("32767s"); // not a whole number of hours
        assertThat(Durations.formatLike(Duration.ofHours(2), "3h")).isEqualTo("2h");
        assertThat(Durations.formatLike(Duration.ofHours(2), "300m")).isEqualTo("120m");
        assertThat(Durations.formatLike(limit, "PT11H6M40S")).isEqualTo("PT9H6M7S");
        assertThat(Durations.formatLike(Duration.ofMillis(Integer.MAX_VALUE), "999999h")).isEqualTo("2147483647ms");
    }

    @Test
    void durationsPrintInWholeSecondsOrMilliseconds() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("120s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
        assertThat(Durations.seconds(Duration.ofMillis(4050))).isEqualTo("4.05s");
    }
}
