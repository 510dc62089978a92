package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.KeepAlive;
import dev.keepalive.internal.KeepAliveSession;
import dev.keepalive.internal.Setting;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.LinuxOnly;
import dev.keepalive.testing.Loopback;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Across the whole settings space, on real sockets: whatever {@code apply} or a single setter accepts, the kernel
 * holds, rounded up to its unit (read back with plain {@code getsockopt} and the JDK's
 * {@code ExtendedSocketOptions}); whatever is refused is refused with {@link IllegalArgumentException} before any
 * native call and leaves the socket as it was. The expected outcome is computed here, in exact arithmetic, from
 * Linux's limits, not by the library's code. The session is the library's own, built on native calls that are
 * counted ({@link CountingCalls}); {@code SocketKeepAlive} adds only its null checks to it.
 */
@AddLifecycleHook(LinuxOnly.class)
class SettingsPropertiesIT {

    private static final KernelSettings BEFORE = new KernelSettings(0, 100, 20, 2, 5000);
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger NANOS_PER_MILLI = BigInteger.valueOf(1_000_000L);
    private static final long MAX_SECONDS = 32767;
    private static final long MAX_PROBES = 127;
    private static final long MAX_USER_TIMEOUT_MS = Integer.MAX_VALUE;
    private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();

    /** Settings as a user might build them; a null field is absent. */
    record Candidate(boolean enabled, Duration idle, Duration interval, Integer probes, Duration userTimeout) {
    }

    /** Two tries in three stop at the builder, at no cost; the rest reach a socket. */
    @Property(tries = 500)
    void applyTakesEffectExactlyOrChangesNothing(@ForAll("candidates") Candidate candidate) throws Exception {
        KeepAlive settings;
        try {
            settings = build(candidate);
        } catch (IllegalArgumentException refused) {
            assertThat(builderAccepts(candidate)).as("builder refused: " + refused.getMessage()).isFalse();
            count("apply: refused by the builder");
            return;
        }
        assertThat(builderAccepts(candidate)).as("builder accepted").isTrue();
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            KernelSettings.set(fd, BEFORE);
            CountingCalls calls = new CountingCalls();
            KeepAliveSession session = calls.session(loopback.client);
            if (!applyAccepts(candidate)) {
                assertThatThrownBy(() -> session.apply(settings)).isInstanceOf(IllegalArgumentException.class);
                assertThat(calls.calls()).as("native calls before the refusal").isZero();
                assertThat(KernelSettings.of(fd)).isEqualTo(BEFORE);
                count("apply: refused before any native call");
                return;
            }
            KeepAlive applied = session.apply(settings);
            KernelSettings expected = expected(candidate);
            assertThat(KernelSettings.of(fd)).isEqualTo(expected);
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(expected.idle());
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL))
                    .isEqualTo(expected.interval());
            assertThat(loopback.client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(expected.count());
            assertThat(applied).isEqualTo(KeepAlive.builder().enabled(expected.keepAlive() != 0)
                    .idle(Duration.ofSeconds(expected.idle())).interval(Duration.ofSeconds(expected.interval()))
                    .probes(expected.count()).userTimeout(Duration.ofMillis(expected.userTimeout())).build());
            count("apply: accepted, kernel holds it");
        }
    }

    @Property(tries = 300)
    void aSingleSetterTakesEffectExactlyOrChangesNothing(@ForAll("settings") Setting setting,
            @ForAll("durations") Duration duration, @ForAll("counts") int probes) throws Exception {
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            int fd = Descriptors.of(loopback.client);
            KernelSettings.set(fd, BEFORE);
            CountingCalls calls = new CountingCalls();
            KeepAliveSession session = calls.session(loopback.client);
            Candidate alone = switch (setting) {
                case IDLE -> new Candidate(false, duration, null, null, null);
                case INTERVAL -> new Candidate(false, null, duration, null, null);
                case PROBES -> new Candidate(false, null, null, probes, null);
                default -> new Candidate(false, null, null, null, duration);
            };
            // a setter takes what the builder would refuse too: zero idle or interval fail the OS's range instead
            boolean accepted = applyAccepts(alone);
            Runnable set = () -> {
                try {
                    if (setting == Setting.PROBES) {
                        session.set(setting, session.table().toNative(setting, probes));
                    } else {
                        session.set(setting, duration);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            if (!accepted) {
                assertThatThrownBy(set::run).isInstanceOf(IllegalArgumentException.class);
                assertThat(calls.calls()).as("native calls before the refusal").isZero();
                assertThat(KernelSettings.of(fd)).isEqualTo(BEFORE);
                count("setter: refused before any native call");
                return;
            }
            set.run();
            assertThat(calls.calls()).as("native calls for one option").isEqualTo(1);
            assertThat(KernelSettings.of(fd)).isEqualTo(expected(alone).withKeepAlive(BEFORE.keepAlive()));
            count("setter: accepted, kernel holds it");
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("[SettingsPropertiesIT] tries by outcome: " + new TreeMap<>(OUTCOMES));
    }

    @Provide
    Arbitrary<Candidate> candidates() {
        return Combinators.combine(Arbitraries.of(true, false), durations().injectNull(0.3),
                durations().injectNull(0.3), counts().injectNull(0.3), durations().injectNull(0.3))
                .as(Candidate::new);
    }

    @Provide
    Arbitrary<Setting> settings() {
        return Arbitraries.of(Setting.IDLE, Setting.INTERVAL, Setting.PROBES, Setting.USER_TIMEOUT);
    }

    /** Durations around zero, around each limit, and anywhere a {@code Duration} can reach. */
    @Provide
    Arbitrary<Duration> durations() {
        long second = 1_000_000_000L;
        long maxUserTimeoutNanos = MAX_USER_TIMEOUT_MS * 1_000_000L;
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-second / 2, 5 * second).map(Duration::ofNanos)),
                Tuple.of(3, Arbitraries.longs().between((MAX_SECONDS - 2) * second, (MAX_SECONDS + 2) * second)
                        .map(Duration::ofNanos)),
                Tuple.of(2, Arbitraries.longs().between(maxUserTimeoutNanos - 2_000_000L,
                        maxUserTimeoutNanos + 2_000_000L).map(Duration::ofNanos)),
                Tuple.of(1, Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofSeconds(MAX_SECONDS),
                        Duration.ofSeconds(MAX_SECONDS, 1), Duration.ofMillis(MAX_USER_TIMEOUT_MS),
                        Duration.ofMillis(MAX_USER_TIMEOUT_MS).plusNanos(1),
                        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE))),
                Tuple.of(1, Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 999_999_999))
                        .as(Duration::ofSeconds)));
    }

    /** Probe counts around the limits, and any int. */
    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(-2, 130)),
                Tuple.of(1, Arbitraries.integers()));
    }

    private static KeepAlive build(Candidate candidate) {
        KeepAlive.Builder builder = KeepAlive.builder().enabled(candidate.enabled());
        if (candidate.idle() != null) {
            builder.idle(candidate.idle());
        }
        if (candidate.interval() != null) {
            builder.interval(candidate.interval());
        }
        if (candidate.probes() != null) {
            builder.probes(candidate.probes());
        }
        if (candidate.userTimeout() != null) {
            builder.userTimeout(candidate.userTimeout());
        }
        return builder.build();
    }

    /** The builder's rules, the same on every OS: positive idle and interval, a probe, no negative timeout. */
    private static boolean builderAccepts(Candidate c) {
        return (c.idle() == null || nanos(c.idle()).signum() > 0)
                && (c.interval() == null || nanos(c.interval()).signum() > 0)
                && (c.probes() == null || c.probes() >= 1)
                && (c.userTimeout() == null || nanos(c.userTimeout()).signum() >= 0);
    }

    /**
     * Linux's limits on the values rounded up to its units: 1 to 32767 s, 1 to 127, 0 to 2^31-1 ms; a negative
     * duration never, even one that would round up to 0.
     */
    private static boolean applyAccepts(Candidate c) {
        return (c.idle() == null || between(ceil(c.idle(), NANOS_PER_SECOND), 1, MAX_SECONDS))
                && (c.interval() == null || between(ceil(c.interval(), NANOS_PER_SECOND), 1, MAX_SECONDS))
                && (c.probes() == null || between(BigInteger.valueOf(c.probes()), 1, MAX_PROBES))
                && (c.userTimeout() == null || nanos(c.userTimeout()).signum() >= 0
                        && between(ceil(c.userTimeout(), NANOS_PER_MILLI), 0, MAX_USER_TIMEOUT_MS));
    }

    private static KernelSettings expected(Candidate c) {
        KernelSettings expected = BEFORE.withKeepAlive(c.enabled() ? 1 : 0);
        if (c.idle() != null) {
            expected = expected.withIdle(ceil(c.idle(), NANOS_PER_SECOND).intValueExact());
        }
        if (c.interval() != null) {
            expected = expected.withInterval(ceil(c.interval(), NANOS_PER_SECOND).intValueExact());
        }
        if (c.probes() != null) {
            expected = expected.withCount(c.probes());
        }
        if (c.userTimeout() != null) {
            expected = expected.withUserTimeout(ceil(c.userTimeout(), NANOS_PER_MILLI).intValueExact());
        }
        return expected;
    }

    private static BigInteger nanos(Duration duration) {
        return BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(duration.getNano()));
    }

    private static BigInteger ceil(Duration duration, BigInteger unit) {
        BigInteger[] quotient = nanos(duration).divideAndRemainder(unit);
        return quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0];
    }

    private static boolean between(BigInteger value, long min, long max) {
        return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static void count(String outcome) {
        OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }
}
