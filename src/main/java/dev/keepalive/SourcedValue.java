package dev.keepalive;

import java.util.Objects;
import java.util.Optional;

/**
 * One keep-alive value with where it comes from: the value, its {@link ValueSource}, and in words the exact
 * origin, such as {@code getsockopt(TCP_KEEPIDLE)} or {@code /proc/sys/net/ipv4/tcp_keepalive_time}, or why it
 * is unknown. Immutable.
 *
 * {@snippet :
 * SourcedValue<Duration> idle = SocketKeepAlive.of(channel).effective().idle();
 * if (idle.source() == ValueSource.SOCKET) {
 *     Duration readBack = idle.value().orElseThrow();   // what getsockopt reported
 * }
 * }
 *
 * @param <T> the value's type: {@link Boolean}, {@link java.time.Duration} or {@link Integer}
 */
public final class SourcedValue<T> {

    private final T value;
    private final ValueSource source;
    private final String origin;

    private SourcedValue(T value, ValueSource source, String origin) {
        this.value = value;
        this.source = source;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * A known value.
     *
     * @param value the value
     * @param source where it comes from; not {@link ValueSource#UNKNOWN}
     * @param origin the exact origin, in words
     * @param <T> the value's type
     * @return the sourced value
     * @throws IllegalArgumentException if {@code source} is {@link ValueSource#UNKNOWN}
     */
    public static <T> SourcedValue<T> of(T value, ValueSource source, String origin) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (source == ValueSource.UNKNOWN) {
            throw new IllegalArgumentException("a known value cannot have source UNKNOWN; use unknown(reason)");
        }
        return new SourcedValue<>(value, source, origin);
    }

    /**
     * A value that is not known.
     *
     * @param reason why it is not known, in words
     * @param <T> the value's type
     * @return a sourced value with an empty value and source {@link ValueSource#UNKNOWN}
     */
    public static <T> SourcedValue<T> unknown(String reason) {
        return new SourcedValue<>(null, ValueSource.UNKNOWN, reason);
    }

    /**
     * The value.
     *
     * @return the value, or empty if and only if the source is {@link ValueSource#UNKNOWN}
     */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /**
     * Where the value comes from.
     *
     * @return the source
     */
    public ValueSource source() {
        return source;
    }

    /**
     * The exact origin of the value in words, or why it is unknown.
     *
     * @return for example {@code getsockopt(TCP_KEEPIDLE)}
     */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourcedValue<?> that && Objects.equals(value, that.value) && source == that.source
                && origin.equals(that.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, source, origin);
    }

    /**
     * The value, its source and origin.
     *
     * @return for example {@code PT2H (SYSTEM_DEFAULT: /proc/sys/net/ipv4/tcp_keepalive_time)}
     */
    @Override
    public String toString() {
        return (value == null ? "unknown" : value.toString()) + " (" + source + ": " + origin + ")";
    }
}
