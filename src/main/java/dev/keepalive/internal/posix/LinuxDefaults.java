package dev.keepalive.internal.posix;

import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.Platform.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Linux's keep-alive defaults: the sysctl files {@code tcp_keepalive_time} and {@code tcp_keepalive_intvl}
 * (seconds) and {@code tcp_keepalive_probes} under {@code /proc/sys/net/ipv4}, as seen from the JVM's network
 * namespace. A new socket reports these same values through {@code getsockopt}.
 */
final class LinuxDefaults {

    /** Where the kernel publishes the IPv4 TCP settings, which IPv6 sockets use as well. */
    static final Path PROC_DIRECTORY = Path.of("/proc/sys/net/ipv4");

    private LinuxDefaults() {
    }

    /**
     * Reads the three files.
     *
     * @param directory the directory holding them, {@link #PROC_DIRECTORY} outside tests
     * @return the defaults; a file that cannot be read or parsed gives an unknown value with the reason
     */
    static SystemDefaults read(Path directory) {
        return new SystemDefaults(Os.LINUX.displayName(),
                positive(directory.resolve("tcp_keepalive_time"), Duration::ofSeconds),
                positive(directory.resolve("tcp_keepalive_intvl"), Duration::ofSeconds),
                positive(directory.resolve("tcp_keepalive_probes"), Math::toIntExact));
    }

    private static <T> SourcedValue<T> positive(Path file, LongFunction<T> convert) {
        List<String> lines;
        try {
            // procfs reports every file as 0 bytes long, which can cut a whole-file read short
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return SourcedValue.unknown("cannot read " + file + ": " + e);
        }
        if (lines.isEmpty()) {
            return SourcedValue.unknown(file + " is empty");
        }
        long value;
        try {
            value = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return SourcedValue.unknown(file + " does not hold a number: '" + lines.get(0) + "'");
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            return SourcedValue.unknown(file + " holds " + value + ", outside 1 to " + Integer.MAX_VALUE);
        }
        return SourcedValue.of(convert.apply(value), ValueSource.SYSTEM_DEFAULT, file.toString());
    }
}
