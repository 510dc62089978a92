package dev.keepalive;

import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Ranges;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The keep-alive settings in effect on one socket, each with where it comes from, as reported by
 * {@link SocketKeepAlive#effective()}; and the time after which the OS declares a silent peer dead.
 *
 * <p>Each field is {@linkplain ValueSource#SOCKET read from the socket} where the OS reports it;
 * {@linkplain ValueSource#REMEMBERED remembered} where this library set it and the OS cannot report it (idle
 * and interval through {@code SIO_KEEPALIVE_VALS} on Windows before 10 1709); the
 * {@linkplain ValueSource#SYSTEM_DEFAULT system default} where the socket has no value of its own that can be
 * read (such a field on old Windows that this library never set, a zero read back on macOS, which older macOS
 * reports for an option never set, the probe count fixed at 10 on Windows before 10 1703); and
 * {@linkplain ValueSource#UNKNOWN unknown} where none of these can be had (the user timeout where the library
 * reaches a JDK socket only through the JDK's options). Durations are exact in the OS's unit: seconds, or
 * milliseconds for Linux's user timeout, the Windows {@code SIO_KEEPALIVE_VALS} values and the Windows and
 * macOS defaults. A user timeout of {@link Duration#ZERO} means none is set; on Windows, {@code TCP_MAXRT} = -1
 * ("retransmit forever") reads as {@code ChronoUnit.FOREVER.getDuration()}.
 *
 * {@snippet :
 * EffectiveKeepAlive effective = SocketKeepAlive.of(channel).effective();
 * effective.idle().source();          // SOCKET on Linux, for example
 * effective.detectionTime()           // Optional[PT2H11M15S] with Linux's defaults, once enabled
 *         .ifPresent(time -> log.info("a dead peer is noticed after " + time));
 * }
 *
 * @param os the OS whose rules apply: {@code Linux}, {@code macOS} or {@code Windows}, as
 *     {@link Capabilities#os()} names them
 * @param enabled whether keep-alive is on ({@code SO_KEEPALIVE})
 * @param idle the idle time before the first probe; positive where known
 * @param interval the time between unanswered probes; positive where known
 * @param probes the number of unanswered probes that drop the connection; at least 1 where known
 * @param userTimeout the user timeout; zero or positive where known, {@link Duration#ZERO} for none
 */
public record EffectiveKeepAlive(String os, SourcedValue<Boolean> enabled, SourcedValue<Duration> idle,
                                 SourcedValue<Duration> interval, SourcedValue<Integer> probes,
                                 SourcedValue<Duration> userTimeout) {

    /**
     * Checks the parts.
     *
     * @param os the OS whose rules apply
     * @param enabled whether keep-alive is on
     * @param idle the idle time
     * @param interval the interval
     * @param probes the probe count
     * @param userTimeout the user timeout
     * @throws NullPointerException if a part is {@code null}
     * @throws IllegalArgumentException if {@code os} is not {@code Linux}, {@code macOS} or {@code Windows},
     *     if a known idle time or interval is not positive, a known probe count is less than 1, or a known
     *     user timeout is negative
     */
    public EffectiveKeepAlive {
        Os.ofDisplayName(Objects.requireNonNull(os, "os"));
        Objects.requireNonNull(enabled, "enabled");
        Objects.requireNonNull(idle, "idle").value().ifPresent(value -> Ranges.positive("idle", value));
        Objects.requireNonNull(interval, "interval").value().ifPresent(value -> Ranges.positive("interval", value));
        Objects.requireNonNull(probes, "probes").value().ifPresent(Ranges::probes);
        Objects.requireNonNull(userTimeout, "userTimeout").value()
                .ifPresent(value -> Ranges.notNegative("userTimeout", value));
    }

    /**
     * How long a peer that has gone silent (crashed, unplugged, behind a dropped route) stays undetected on
     * an otherwise idle connection: the time from the last segment received to the moment the OS drops the
     * connection and the next read or write fails ({@code ETIMEDOUT}). Computed from these values by the
     * OS's own keep-alive rules:
     * <ul>
     * <li><b>Linux</b>: probes go out at {@code idle}, {@code idle + interval}, {@code idle + 2 × interval},
     *     ... Without a user timeout the connection drops at {@code idle + probes × interval}. With a user
     *     timeout {@code U} ({@code TCP_USER_TIMEOUT}), the probe count no longer counts: the connection drops
     *     at the first {@code idle + k × interval}, {@code k ≥ 1}, that is at or after {@code U}, which may be
     *     sooner or later than without it.</li>
     * <li><b>macOS</b>: the connection drops at {@code idle + probes × interval}. The user timeout
     *     ({@code TCP_RXT_CONNDROPTIME}) bounds only the retransmission of unacknowledged data, which an idle
     *     connection has none of, so it does not enter. XNU adds these times in unsigned 32-bit milliseconds and
     *     compares timers by signed 32-bit differences (xnu-11417.101.15 {@code bsd/netinet/tcp_timer.c} 537-540
     *     and 1510): where idle or interval reaches 2^31 ms or the sum reaches 2^32 ms, the kernel drops the
     *     connection early, and no time is predicted.</li>
     * <li><b>Windows</b>: the connection drops at {@code idle + probes × interval}. The user timeout
     *     ({@code TCP_MAXRT}) is documented as a bound on retransmission of data, not on keep-alive probes,
     *     so it does not enter.</li>
     * </ul>
     * The result leaves out the round trip of the last probe and the timers' lateness. Linux runs the keep-alive
     * timer on its timer wheel, which may fire a timer up to one wheel level late (about 1/8 of the time asked
     * for at most, such as about 131 s for a 2 h idle time at {@code HZ=250}); with a user timeout that lateness
     * can make the drop come up to one interval before the time given here. Turning keep-alive on alone
     * ({@code setEnabled(true)}, or an apply without an idle time) for a connection that is already idle arms
     * the timer from that moment, not from the last segment received, so the drop then comes later by the
     * silence before the call; an apply that gives an idle time counts from the last segment received. Sums too large for a {@link Duration} saturate
     * at {@code Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)}.
     *
     * @return the detection time; empty if keep-alive is off, or if a value it depends on is
     *     {@linkplain ValueSource#UNKNOWN unknown} (on Linux, that includes the user timeout)
     */
    public Optional<Duration> detectionTime() {
        return predicted();
    }

    /** Whether XNU's 32-bit keep-alive arithmetic cannot hold these times (see {@link #detectionTime()}). */
    private static boolean beyondXnuTimer(Duration idle, Duration interval, int probes) {
        long half = 1L << 31;
        if (idle.compareTo(Duration.ofMillis(half)) >= 0 || interval.compareTo(Duration.ofMillis(half)) >= 0) {
            return true;
        }
        return idle.toMillis() + probes * interval.toMillis() >= 1L << 32;
    }

    private Optional<Duration> predicted() {
        if (!enabled.value().orElse(false) || idle.value().isEmpty() || interval.value().isEmpty()
                || probes.value().isEmpty()) {
            return Optional.empty();
        }
        Duration idleTime = idle.value().get();
        Duration intervalTime = interval.value().get();
        int probeCount = probes.value().get();
        Os family = Os.ofDisplayName(os);
        if (family == Os.MACOS && beyondXnuTimer(idleTime, intervalTime, probeCount)) {
            return Optional.empty();
        }
        if (family != Os.LINUX) {
            return Optional.of(DetectionTime.afterProbes(idleTime, intervalTime, probeCount));
        }
        return userTimeout.value().map(timeout -> timeout.isZero()
                ? DetectionTime.afterProbes(idleTime, intervalTime, probeCount)
                : DetectionTime.linuxWithUserTimeout(idleTime, intervalTime, timeout));
    }
}
