package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Platform.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Linux's sysctl files: seconds, a count, and every way a file can fail to give a number. */
class LinuxDefaultsTest {

    @TempDir
    Path directory;

    @Test
    void filesHoldSecondsAndACount() throws Exception {
        Files.writeString(directory.resolve("tcp_keepalive_time"), "600\n");
        Files.writeString(directory.resolve("tcp_keepalive_intvl"), " 15 \n");
        Files.writeString(directory.resolve("tcp_keepalive_probes"), "4\n");
        SystemDefaults defaults = LinuxDefaults.read(directory);

        assertThat(defaults.os()).isEqualTo(Os.LINUX.displayName());
        assertThat(defaults.idle().value()).contains(Duration.ofMinutes(10));
        assertThat(defaults.interval().value()).contains(Duration.ofSeconds(15));
        assertThat(defaults.probes().value()).contains(4);
        assertThat(defaults.idle().source()).isEqualTo(ValueSource.SYSTEM_DEFAULT);
        assertThat(defaults.idle().origin()).isEqualTo(directory.resolve("tcp_keepalive_time").toString());
    }

    @Test
    void aMissingEmptyOrGarbledFileIsUnknownWithTheReason() throws Exception {
        Files.writeString(directory.resolve("tcp_keepalive_intvl"), "");
        Files.writeString(directory.resolve("tcp_keepalive_probes"), "many\n");
        SystemDefaults defaults = LinuxDefaults.read(directory);

        assertThat(defaults.idle().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.idle().value()).isEmpty();
        assertThat(defaults.idle().origin()).startsWith("cannot read " + directory.resolve("tcp_keepalive_time"))
                .contains("NoSuchFileException");
        assertThat(defaults.interval().origin()).endsWith("tcp_keepalive_intvl is empty");
        assertThat(defaults.probes().origin()).endsWith("does not hold a number: 'many'");
    }

    @Test
    void valuesOutsideTheRangeAreUnknown() throws Exception {
        Files.writeString(directory.resolve("tcp_keepalive_time"), "0\n");
        Files.writeString(directory.resolve("tcp_keepalive_intvl"), "-3\n");
        Files.writeString(directory.resolve("tcp_keepalive_probes"), "4294967296\n");
        SystemDefaults defaults = LinuxDefaults.read(directory);

        assertThat(defaults.idle().origin()).endsWith("holds 0, outside 1 to 2147483647");
        assertThat(defaults.interval().source()).isEqualTo(ValueSource.UNKNOWN);
        assertThat(defaults.probes().source()).isEqualTo(ValueSource.UNKNOWN);
    }
}
