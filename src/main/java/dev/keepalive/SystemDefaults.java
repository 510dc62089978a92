package dev.keepalive;

import java.time.Duration;
import java.util.Objects;

/**
 * The system-wide keep-alive defaults of the running OS: what a socket uses for a setting it has no value of
 * its own for. Read fresh by {@link SocketKeepAlive#systemDefaults()} each time, since an administrator may
 * change them while the JVM runs. Keep-alive itself is off by default on every OS, and no OS has a
 * system-wide user timeout, so neither appears here.
 *
 * <table class="striped">
 * <caption>Where the defaults are read</caption>
 * <tr><th>setting</th><th>Linux</th><th>macOS</th><th>Windows</th></tr>
 * <tr><td>idle</td><td>{@code /proc/sys/net/ipv4/tcp_keepalive_time}, s (typically 7200)</td>
 *     <td>{@code sysctl net.inet.tcp.keepidle}, ms (typically 7200000)</td>
 *     <td>registry {@code KeepAliveTime}, ms; else Microsoft's documented 2 h</td></tr>
 * <tr><td>interval</td><td>{@code /proc/sys/net/ipv4/tcp_keepalive_intvl}, s (typically 75)</td>
 *     <td>{@code sysctl net.inet.tcp.keepintvl}, ms (typically 75000)</td>
 *     <td>registry {@code KeepAliveInterval}, ms; else Microsoft's documented 1 s</td></tr>
 * <tr><td>probes</td><td>{@code /proc/sys/net/ipv4/tcp_keepalive_probes} (typically 9)</td>
 *     <td>{@code sysctl net.inet.tcp.keepcnt} (typically 8)</td>
 *     <td>Microsoft's documented 10 (fixed before Windows 10 1703)</td></tr>
 * </table>
 * The Windows registry values are read from
 * {@code HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters}. On Linux the files belong to
 * the network namespace of the JVM. A default that cannot be read is {@link ValueSource#UNKNOWN}, with the
 * reason as its {@linkplain SourcedValue#origin() origin}; it is never guessed.
 *
 * {@snippet :
 * SystemDefaults defaults = SocketKeepAlive.systemDefaults();
 * Duration idle = defaults.idle().value().orElseThrow();   // PT2H on most systems
 * String where = defaults.idle().origin();                  // /proc/sys/net/ipv4/tcp_keepalive_time on Linux
 * }
 *
 * @param os the OS, as {@link Capabilities#os()} names it
 * @param idle the default idle time before the first probe; source {@link ValueSource#SYSTEM_DEFAULT} or
 *     {@link ValueSource#UNKNOWN}
 * @param interval the default interval between probes; same sources
 * @param probes the default number of unanswered probes that drop the connection; same sources
 */
public record SystemDefaults(String os, SourcedValue<Duration> idle, SourcedValue<Duration> interval,
                             SourcedValue<Integer> probes) {

    /**
     * Checks that no part is missing.
     *
     * @param os the OS
     * @param idle the default idle time
     * @param interval the default interval
     * @param probes the default probe count
     * @throws NullPointerException if a part is {@code null}
     */
    public SystemDefaults {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(probes, "probes");
    }
}
