package dev.keepalive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static KeepAlive settings(String... args) {
        return Arguments.parse(List.of(args), Arguments.SETTINGS).settings();
    }

    @Test
    void settingsOverTheDefaults() {
        assertThat(settings()).isEqualTo(KeepAlive.builder().idle(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(5)).probes(3).build());
        KeepAlive parsed = settings("--idle=2m", "--interval", "500ms", "--probes=7", "--user-timeout=1h",
                "--keepalive=off");
        assertThat(parsed.idle()).contains(Duration.ofMinutes(2));
        assertThat(parsed.interval()).contains(Duration.ofMillis(500));
        assertThat(parsed.probes()).hasValue(7);
        assertThat(parsed.userTimeout()).contains(Duration.ofHours(1));
        assertThat(parsed.enabled()).isFalse();
    }

    @Test
    void wordsAndHelpAreKeptApart() {
        Arguments arguments = Arguments.parse(List.of("localhost:80", "--idle=1s", "-h"), Arguments.SETTINGS);
        assertThat(arguments.positionals()).containsExactly("localhost:80");
        assertThat(arguments.help()).isTrue();
        assertThat(arguments.duration("idle")).contains(Duration.ofSeconds(1));
        assertThat(arguments.duration("interval")).isEmpty();
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> settings("--speed=3")).hasMessage("unknown option '--speed'");
        assertThatThrownBy(() -> settings("--idle")).hasMessage("option '--idle' needs a value");
        assertThatThrownBy(() -> settings("--idle=1s", "--idle=2s")).hasMessage("option '--idle' given twice");
        assertThatThrownBy(() -> settings("--idle=3x")).hasMessageContaining("unknown unit in '3x'");
        assertThatThrownBy(() -> settings("--idle=s")).hasMessageContaining("not a duration: 's'");
        assertThatThrownBy(() -> settings("--idle=99999999999999999h")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> settings("--probes=many")).hasMessageContaining("takes a whole number");
        assertThatThrownBy(() -> settings("--probes=0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("--keepalive=yes")).hasMessageContaining("takes on or off");
    }

    @Test
    void durationsReadAndPrintInTheSameUnits() {
        assertThat(Durations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("120s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Durations.seconds(Duration.ofMillis(4050))).isEqualTo("4.05s");
    }
}
