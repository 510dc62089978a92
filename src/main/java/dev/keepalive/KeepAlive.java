package dev.keepalive;

import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Ranges;
import dev.keepalive.internal.Setting;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable TCP keep-alive settings: whether keep-alive is on, and optionally the idle time before the
 * first probe, the interval between probes, the number of unanswered probes before the connection is
 * dropped, and the user timeout.
 *
 * <p>A field that is absent means "leave as it is" when the settings are
 * {@linkplain SocketKeepAlive#apply(KeepAlive) applied}, and "unknown" when they are
 * {@linkplain SocketKeepAlive#current() read}. The builder checks only what holds on every OS (no
 * negative durations, at least one probe); the OS's own limits and granularity are checked and applied by
 * {@link SocketKeepAlive#apply(KeepAlive)}, before any native call.
 *
 * <p>What a socket reports can always be given back. The OS may hold a value this library cannot set: on
 * Linux, a system default such as {@code net.ipv4.tcp_keepalive_time=40000} gives new sockets an idle time
 * above the 32767 s that {@code TCP_KEEPIDLE} takes. Settings {@linkplain SocketKeepAlive#current() read} or
 * returned by {@link SocketKeepAlive#apply(KeepAlive)} keep such a value <em>as read</em>: it is reported as
 * it is, and applying it (directly, through {@link AcceptedSockets#copy(SocketKeepAlive, SocketKeepAlive)}
 * or after {@link #toBuilder()}) leaves that setting as it is on the target socket instead of refusing it.
 * Giving the field a value through the builder replaces it with a value that is checked as usual.
 * {@link #toString()} marks such a value, and it takes part in {@link #equals(Object)}.
 *
 * {@snippet :
 * KeepAlive settings = KeepAlive.builder()
 *         .idle(Duration.ofSeconds(30))      // first probe after 30 s of silence
 *         .interval(Duration.ofSeconds(5))   // then one probe every 5 s
 *         .probes(3)                         // dropped after 3 unanswered probes
 *         .build();                          // enabled unless enabled(false) is given
 * }
 */
public final class KeepAlive {

    private final boolean enabled;
    private final Duration idle;
    private final Duration interval;
    private final int probes;
    private final Duration userTimeout;
    /** The fields kept as read, one bit per {@link Setting#ordinal()}. */
    private final int asRead;

    private KeepAlive(Builder builder) {
        this.enabled = builder.enabled;
        this.idle = builder.idle;
        this.interval = builder.interval;
        this.probes = builder.probes;
        this.userTimeout = builder.userTimeout;
        this.asRead = builder.asRead;
    }

    /**
     * Starts settings with keep-alive enabled and every other field absent.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads settings from their string form: comma-separated {@code key=value} pairs with the keys
     * {@code enabled} ({@code true} or {@code false}; default {@code true}), {@code idle}, {@code interval},
     * {@code probes} (a whole number) and {@code userTimeout}; a key left out is absent. Durations are a whole
     * number followed by {@code ms}, {@code s}, {@code m} or {@code h} ({@code 1500ms}, {@code 30s},
     * {@code 2m}, {@code 1h}), or ISO-8601 ({@code PT30S}). Spaces around keys and values are ignored. The same
     * syntax configures {@link KeepAliveSocketFactory}.
     *
     * {@snippet :
     * KeepAlive settings = KeepAlive.parse("idle=30s,interval=5s,probes=3");
     * settings.toSettingsString();   // "idle=30s,interval=5s,probes=3"
     * }
     *
     * @param settings the settings string, such as {@code idle=30s,interval=5s,probes=3}
     * @return the settings; only the limits every OS shares are checked here, as by the {@link Builder}
     * @throws IllegalArgumentException if the string is blank, has an empty pair, an unknown or repeated key,
     *     or a value that cannot be read or breaks a limit; the message names the key or the text at fault
     */
    public static KeepAlive parse(String settings) {
        return SettingsText.parse(settings);
    }

    /**
     * These settings as a string that {@link #parse(String)} reads back to equal settings. The form is
     * canonical: the present fields in the order {@code enabled}, {@code idle}, {@code interval},
     * {@code probes}, {@code userTimeout}; {@code enabled} only when {@code false} or when no other field is
     * present; each duration in the largest of {@code h}, {@code m}, {@code s}, {@code ms} that holds it
     * exactly, or in ISO-8601 when it has a fraction of a millisecond. Parsing the result and printing it again
     * gives the same string.
     *
     * @return for example {@code idle=30s,interval=5s,probes=3}, or {@code enabled=true} for settings with no
     *     other field
     */
    public String toSettingsString() {
        return SettingsText.format(this);
    }

    /**
     * Starts a builder holding these settings, to derive new settings from them.
     *
     * @return a new builder with this value's fields
     */
    public Builder toBuilder() {
        Builder builder = new Builder().enabled(enabled);
        builder.idle = idle;
        builder.interval = interval;
        builder.probes = probes;
        builder.userTimeout = userTimeout;
        builder.asRead = asRead;
        return builder;
    }

    /**
     * These settings with every present value that the table's OS could not set marked as read, so that
     * applying them leaves those settings as they are.
     *
     * @param table the options and limits in use where the values were read
     * @return the marked settings, or these if every value can be set
     */
    KeepAlive keptAsRead(OptionTable table) {
        int marks = asRead;
        if (idle != null && !table.accepts(Setting.IDLE, idle)) {
            marks |= bit(Setting.IDLE);
        }
        if (interval != null && !table.accepts(Setting.INTERVAL, interval)) {
            marks |= bit(Setting.INTERVAL);
        }
        if (probes != 0 && !table.accepts(Setting.PROBES, probes)) {
            marks |= bit(Setting.PROBES);
        }
        if (userTimeout != null && !table.accepts(Setting.USER_TIMEOUT, userTimeout)) {
            marks |= bit(Setting.USER_TIMEOUT);
        }
        if (marks == asRead) {
            return this;
        }
        Builder builder = toBuilder();
        builder.asRead = marks;
        return builder.build();
    }

    /**
     * What applying these settings asks of a socket: the fields kept as read are left out.
     *
     * @return the settings to apply, or these if no field is kept as read
     */
    KeepAlive toApply() {
        if (asRead == 0) {
            return this;
        }
        Builder builder = toBuilder();
        builder.idle = isAsRead(Setting.IDLE) ? null : idle;
        builder.interval = isAsRead(Setting.INTERVAL) ? null : interval;
        builder.probes = isAsRead(Setting.PROBES) ? 0 : probes;
        builder.userTimeout = isAsRead(Setting.USER_TIMEOUT) ? null : userTimeout;
        builder.asRead = 0;
        return builder.build();
    }

    private boolean isAsRead(Setting setting) {
        return (asRead & bit(setting)) != 0;
    }

    private static int bit(Setting setting) {
        return 1 << setting.ordinal();
    }

    /**
     * Whether keep-alive is on ({@code SO_KEEPALIVE}).
     *
     * @return {@code true} if keep-alive probes are (to be) sent
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * How long a connection must be idle before the first probe is sent ({@code TCP_KEEPIDLE} on Linux,
     * {@code TCP_KEEPALIVE} on macOS and Windows). Typical OS default: 2 hours.
     *
     * @return the idle time, or empty if absent
     */
    public Optional<Duration> idle() {
        return Optional.ofNullable(idle);
    }

    /**
     * The time between two unanswered probes ({@code TCP_KEEPINTVL}). Typical OS default: 75 s on Linux and
     * macOS, 1 s on Windows.
     *
     * @return the interval, or empty if absent
     */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /**
     * How many unanswered probes drop the connection ({@code TCP_KEEPCNT}). Typical OS default: 9 on Linux,
     * 8 on macOS, 10 on Windows (where it is fixed before Windows 10 version 1703).
     *
     * @return the probe count, or empty if absent
     */
    public OptionalInt probes() {
        return probes == 0 ? OptionalInt.empty() : OptionalInt.of(probes);
    }

    /**
     * How long transmitted data, or a keep-alive probe, may stay unacknowledged before the connection is
     * dropped ({@code TCP_USER_TIMEOUT} on Linux, {@code TCP_RXT_CONNDROPTIME} on macOS, {@code TCP_MAXRT}
     * on Windows). {@link Duration#ZERO} means no user timeout: the OS's own retransmission rules apply,
     * which is the default. On Windows, {@code ChronoUnit.FOREVER.getDuration()} stands for {@code TCP_MAXRT} = -1,
     * "retransmit forever"; {@code TCP_MAXRT} also bounds {@code connect} when set before it.
     *
     * @return the user timeout, or empty if absent
     */
    public Optional<Duration> userTimeout() {
        return Optional.ofNullable(userTimeout);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeepAlive that
                && enabled == that.enabled
                && probes == that.probes
                && asRead == that.asRead
                && Objects.equals(idle, that.idle)
                && Objects.equals(interval, that.interval)
                && Objects.equals(userTimeout, that.userTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, idle, interval, probes, userTimeout, asRead);
    }

    /**
     * The present fields, such as {@code KeepAlive[enabled=true, idle=PT30S, probes=3]}; a value kept as
     * read is followed by {@code (as read)}.
     *
     * @return the settings in words
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("KeepAlive[enabled=").append(enabled);
        append(text, Setting.IDLE, idle);
        append(text, Setting.INTERVAL, interval);
        append(text, Setting.PROBES, probes == 0 ? null : probes);
        append(text, Setting.USER_TIMEOUT, userTimeout);
        return text.append(']').toString();
    }

    private void append(StringBuilder text, Setting setting, Object value) {
        if (value != null) {
            text.append(", ").append(setting.label()).append('=').append(value);
            if (isAsRead(setting)) {
                text.append(" (as read)");
            }
        }
    }

    /** Builds {@link KeepAlive} settings; not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration idle;
        private Duration interval;
        private int probes;
        private Duration userTimeout;
        private int asRead;

        private Builder() {
        }

        /**
         * Turns keep-alive on or off. Default: on.
         *
         * @param enabled whether keep-alive probes are sent
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the idle time before the first probe. Rounded up to the OS's granularity (1 s on Linux and
         * macOS; 1 s on Windows through {@code TCP_KEEPALIVE}, 1 ms through {@code SIO_KEEPALIVE_VALS}).
         *
         * @param idle a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code idle} is zero or negative
         */
        public Builder idle(Duration idle) {
            this.idle = Ranges.positive("idle", idle);
            asRead &= ~bit(Setting.IDLE);
            return this;
        }

        /**
         * Sets the interval between probes, rounded up like {@link #idle(Duration)}.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is zero or negative
         */
        public Builder interval(Duration interval) {
            this.interval = Ranges.positive("interval", interval);
            asRead &= ~bit(Setting.INTERVAL);
            return this;
        }

        /**
         * Sets how many unanswered probes drop the connection.
         *
         * @param probes at least 1 (the OS's upper limit is checked on apply: 127 on Linux)
         * @return this builder
         * @throws IllegalArgumentException if {@code probes} is less than 1
         */
        public Builder probes(int probes) {
            this.probes = Ranges.probes(probes);
            asRead &= ~bit(Setting.PROBES);
            return this;
        }

        /**
         * Sets the user timeout, rounded up to the OS's granularity (1 ms on Linux, 1 s on macOS and
         * Windows). {@link Duration#ZERO} removes it.
         *
         * @param userTimeout zero or a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code userTimeout} is negative
         */
        public Builder userTimeout(Duration userTimeout) {
            this.userTimeout = Ranges.notNegative("userTimeout", userTimeout);
            asRead &= ~bit(Setting.USER_TIMEOUT);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return an immutable value
         */
        public KeepAlive build() {
            return new KeepAlive(this);
        }
    }
}
