package dev.keepalive.internal.windows;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.EffectiveReader;
import dev.keepalive.internal.HandleMemory;
import dev.keepalive.internal.NativeKeepAlive;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SockoptBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Windows before 10 1709: idle and interval through {@code WSAIoctl(SIO_KEEPALIVE_VALS)}, which sets the on/off
 * state, the idle time and the interval in one call and cannot be read back; everything else as on the other
 * OSes. An apply that gives idle and interval makes exactly one {@code WSAIoctl}, which also carries the on/off
 * state, and reads no registry value. What was sent is remembered per socket handle, each value with its true
 * source: {@link ValueSource#REMEMBERED} for a value the caller gave, {@link ValueSource#SYSTEM_DEFAULT} for a
 * system default sent along with it or written back by a rollback.
 *
 * <p>{@code SIO_KEEPALIVE_VALS} always goes with {@code onoff = 1}: Microsoft documents the times as used when
 * {@code onoff} is set, and Go, .NET, socket2 and PostgreSQL always send 1. Where keep-alive is to stay off,
 * {@code setsockopt(SO_KEEPALIVE, 0)} follows; the times stay with the socket and apply when anything turns
 * keep-alive on again (Microsoft Learn, "SO_KEEPALIVE socket option": the defaults apply "unless these values
 * have been changed using SIO_KEEPALIVE_VALS").
 *
 * <p>The memory is keyed by the socket handle, as .NET keys it by its socket handle object, so every view of a
 * socket shares it; each change of it runs under one lock per handle. It is forgotten when the JDK socket that
 * owned the handle is collected, or when a view of another JDK socket with the same handle number is made (the
 * first was closed and Windows reused the number); a raw handle's memory lasts until then.
 */
final class KeepAliveValsBackend extends SockoptBackend {

    private static final String REMEMBERED_ORIGIN = "set by this library with SIO_KEEPALIVE_VALS, which Windows"
            + " cannot report";

    /** What was sent to each socket; the backend is one per JVM, so this memory is too. */
    private final HandleMemory<Sent> memory = new HandleMemory<>();

    private final WinsockCalls calls;
    private final Supplier<RegistryReader> registry;

    KeepAliveValsBackend(OptionTable table, WinsockCalls calls, Supplier<RegistryReader> registry,
                         Supplier<SystemDefaults> defaults, List<String> notes) {
        super(table, calls, defaults, notes);
        this.calls = calls;
        this.registry = registry;
    }

    private Object lock(long handle) {
        return memory.lock(handle);
    }

    @Override
    public boolean remembersPerHandle() {
        return true;
    }

    @Override
    public void attach(long handle, Object socket) {
        memory.attach(handle, socket);
    }

    /** The idle time and interval last sent to one socket, with their sources. */
    private record Sent(SourcedValue<Duration> idle, SourcedValue<Duration> interval) {
    }

    @Override
    public void set(long handle, Setting setting, int value) throws IOException {
        switch (setting) {
            case IDLE -> {
                synchronized (lock(handle)) {
                    send(handle, super.get(handle, Setting.ENABLED) != 0, given(value), known(handle, Setting.INTERVAL));
                }
            }
            case INTERVAL -> {
                synchronized (lock(handle)) {
                    send(handle, super.get(handle, Setting.ENABLED) != 0, known(handle, Setting.IDLE), given(value));
                }
            }
            default -> super.set(handle, setting, value);
        }
    }

    @Override
    public int get(long handle, Setting setting) throws IOException {
        return switch (setting) {
            case IDLE, INTERVAL -> millis(known(handle, setting));
            default -> super.get(handle, setting);
        };
    }

    @Override
    public NativeKeepAlive read(long handle) throws IOException {
        return new NativeKeepAlive(super.get(handle, Setting.ENABLED), get(handle, Setting.IDLE),
                get(handle, Setting.INTERVAL), readIfSupported(handle, Setting.PROBES),
                readIfSupported(handle, Setting.USER_TIMEOUT));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Idle, interval and the on/off state go first, in one {@code WSAIoctl}; a time not given is the one last
     * sent, or the system default (one registry read each) if none was. Then the probe count and the user timeout
     * through {@code setsockopt}. On a refusal, each change is undone, last first: the times are sent again as
     * they were, or, where none had been sent, as the system defaults, which the socket then holds explicitly.
     */
    @Override
    public NativeKeepAlive apply(long handle, NativeKeepAlive wanted) throws IOException {
        synchronized (lock(handle)) {
            return applyLocked(handle, wanted);
        }
    }

    private NativeKeepAlive applyLocked(long handle, NativeKeepAlive wanted) throws IOException {
        boolean times = wanted.has(Setting.IDLE) || wanted.has(Setting.INTERVAL);
        int enabledBefore = super.get(handle, Setting.ENABLED);
        int probesBefore = readIfSupported(handle, Setting.PROBES);
        int userTimeoutBefore = readIfSupported(handle, Setting.USER_TIMEOUT);
        Sent before = memory.get(handle);
        boolean timesSent = false;
        boolean probesSet = false;
        boolean userTimeoutSet = false;
        boolean enabledSet = false;
        try {
            if (times) {
                send(handle, wanted.enabled() != 0,
                        wanted.has(Setting.IDLE) ? given(wanted.idle()) : known(handle, Setting.IDLE),
                        wanted.has(Setting.INTERVAL) ? given(wanted.interval()) : known(handle, Setting.INTERVAL));
                timesSent = true;
            }
            if (wanted.has(Setting.PROBES)) {
                super.set(handle, Setting.PROBES, wanted.probes());
                probesSet = true;
            }
            if (wanted.has(Setting.USER_TIMEOUT)) {
                super.set(handle, Setting.USER_TIMEOUT, wanted.userTimeout());
                userTimeoutSet = true;
            }
            if (!times) {
                enabledSet = true;
                super.set(handle, Setting.ENABLED, wanted.enabled());
            }
        } catch (IOException | RuntimeException failure) {
            undo(failure, enabledSet, () -> super.set(handle, Setting.ENABLED, enabledBefore));
            undo(failure, userTimeoutSet && userTimeoutBefore != NativeKeepAlive.ABSENT,
                    () -> super.set(handle, Setting.USER_TIMEOUT, userTimeoutBefore));
            undo(failure, probesSet && probesBefore != NativeKeepAlive.ABSENT,
                    () -> super.set(handle, Setting.PROBES, probesBefore));
            undo(failure, timesSent, () -> send(handle, enabledBefore != 0,
                    before != null ? before.idle() : writtenBack(Setting.IDLE),
                    before != null ? before.interval() : writtenBack(Setting.INTERVAL)));
            throw failure;
        }
        return new NativeKeepAlive(wanted.enabled(), get(handle, Setting.IDLE), get(handle, Setting.INTERVAL),
                pick(wanted.probes(), probesBefore), pick(wanted.userTimeout(), userTimeoutBefore));
    }

    @Override
    public EffectiveKeepAlive effective(long handle) throws IOException {
        EffectiveReader reader = reader(handle);
        Sent sent = memory.get(handle);
        return new EffectiveKeepAlive(table().os().displayName(), reader.enabled(),
                sent != null ? sent.idle() : reader.defaults().idle(),
                sent != null ? sent.interval() : reader.defaults().interval(),
                table().supports(Setting.PROBES) ? reader.probes() : WindowsDefaults.probes(false),
                reader.userTimeout());
    }

    /** A step of a rollback. */
    @FunctionalInterface
    private interface Undo {
        void run() throws IOException;
    }

    private static void undo(Exception failure, boolean needed, Undo undo) {
        if (!needed) {
            return;
        }
        try {
            undo.run();
        } catch (IOException | RuntimeException restoreFailure) {
            failure.addSuppressed(restoreFailure);
        }
    }

    private static int pick(int change, int current) {
        return change != NativeKeepAlive.ABSENT ? change : current;
    }

    /** Sends the times with {@code onoff = 1}, then turns keep-alive off again if it is to be off. */
    private void send(long handle, boolean on, SourcedValue<Duration> idle, SourcedValue<Duration> interval)
            throws IOException {
        calls.keepAliveValues(handle, true, millis(idle), millis(interval));
        memory.put(handle, new Sent(idle, interval));
        if (!on) {
            super.set(handle, Setting.ENABLED, 0);
        }
    }

    /** A value the caller gave, in milliseconds. */
    private static SourcedValue<Duration> given(int millis) {
        return SourcedValue.of(Duration.ofMillis(millis), ValueSource.REMEMBERED, REMEMBERED_ORIGIN);
    }

    /** The time the socket runs with: the one last sent, else the system default it follows. */
    private SourcedValue<Duration> known(long handle, Setting setting) {
        Sent sent = memory.get(handle);
        if (sent != null) {
            return setting == Setting.IDLE ? sent.idle() : sent.interval();
        }
        return systemDefault(setting);
    }

    /** The system default of a time: the registry's value, else Microsoft's documented one. */
    private SourcedValue<Duration> systemDefault(Setting setting) {
        SourcedValue<Duration> systemDefault = setting == Setting.IDLE
                ? WindowsDefaults.idle(registry.get()) : WindowsDefaults.interval(registry.get());
        if (systemDefault.value().isPresent()) {
            return systemDefault;
        }
        int documented = setting == Setting.IDLE
                ? WindowsDefaults.DEFAULT_IDLE_MILLIS : WindowsDefaults.DEFAULT_INTERVAL_MILLIS;
        return SourcedValue.of(Duration.ofMillis(documented), ValueSource.SYSTEM_DEFAULT,
                "Microsoft's documented default, since " + systemDefault.origin());
    }

    /** The system default of a time, to be written onto the socket by a rollback. */
    private SourcedValue<Duration> writtenBack(Setting setting) {
        SourcedValue<Duration> systemDefault = systemDefault(setting);
        return SourcedValue.of(systemDefault.value().orElseThrow(), ValueSource.SYSTEM_DEFAULT,
                systemDefault.origin() + ", written back with SIO_KEEPALIVE_VALS when an apply was undone");
    }

    /** A time as the 32 bits of a {@code ULONG} field. */
    private static int millis(SourcedValue<Duration> time) {
        return (int) Math.min(0xFFFF_FFFFL, time.value().orElseThrow().toMillis());
    }
}
