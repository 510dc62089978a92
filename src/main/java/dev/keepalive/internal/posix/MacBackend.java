package dev.keepalive.internal.posix;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SocketOptionException;
import dev.keepalive.SourcedValue;
import dev.keepalive.SystemDefaults;
import dev.keepalive.ValueSource;
import dev.keepalive.internal.EffectiveReader;
import dev.keepalive.internal.HandleMemory;
import dev.keepalive.internal.NativeKeepAlive;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.SockoptBackend;
import dev.keepalive.internal.SocketCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * macOS: every setting is its own option, as on Linux, with what XNU's source adds (xnu-11417.101.15 unless
 * named):
 * <ul>
 * <li>Listeners: up to xnu-8796 (macOS 13), setting {@code TCP_KEEPALIVE} arms the keep-alive timer in any
 *     state ({@code tcp_usrreq.c} 2386 there), and a timer that fires before a connection is established drops
 *     the socket ({@code tcp_timer.c} 1492), killing a listener; xnu-10002 (macOS 14) arms it only on established
 *     connections. So on a listening socket the idle time is never set: it is kept here, reported as
 *     {@link ValueSource#REMEMBERED}, and {@code AcceptedSockets} gives it to each accepted socket (macOS does not
 *     pass the idle time on to accepted sockets anyway).</li>
 * <li>Read-back: {@code getsockopt} of {@code TCP_KEEPALIVE}, {@code TCP_KEEPINTVL} and {@code TCP_KEEPCNT}
 *     reports the system default where the socket has none ({@code tcp_usrreq.c} 2834-2854, since xnu-3789,
 *     macOS 10.12), so a value equal to the sysctl's is reported as the system default, and a rollback puts it
 *     back as 0, "none", so that the socket follows the sysctl again.</li>
 * <li>Arithmetic: idle and interval below 2^31 ms (the table), and {@code idle + probes * interval} below
 *     2^32 ms, checked here before any {@code setsockopt}.</li>
 * <li>{@code EINVAL} for a value in range means the connection can no longer send or receive
 *     ({@code uipc_socket.c} 4878-4884), which the exception says.</li>
 * <li>{@code net.inet.tcp.always_keepalive = 1} makes XNU probe without {@code SO_KEEPALIVE}
 *     ({@code tcp_timer.c} 1505), which the report shows.</li>
 * </ul>
 */
final class MacBackend extends SockoptBackend {

    static final String ALWAYS_KEEPALIVE = "net.inet.tcp.always_keepalive";
    private static final String SHUT_DOWN = "; macOS refuses every option once the connection can no longer"
            + " send or receive (both directions shut down), and this value is within the option's range";

    private final SocketCalls calls;
    private final Sysctl sysctl;
    /** The idle time, in seconds, meant for each listening socket and kept for the sockets it accepts. */
    private final HandleMemory<Integer> listenerIdle = new HandleMemory<>();

    MacBackend(SocketCalls calls, Sysctl sysctl, List<String> notes) {
        super(MacOptions.TABLE, calls, () -> MacDefaults.read(sysctl), notes);
        this.calls = calls;
        this.sysctl = sysctl;
    }

    @Override
    public boolean remembersPerHandle() {
        return true;
    }

    @Override
    public void attach(long handle, Object socket) {
        listenerIdle.attach(handle, socket);
    }

    @Override
    public void set(long handle, Setting setting, int value) throws IOException {
        switch (setting) {
            case IDLE, INTERVAL, PROBES -> {
                // the other two, as the timer will add them up
                checkTimer(new NativeKeepAlive(NativeKeepAlive.ABSENT, valueOf(handle, Setting.IDLE, setting, value),
                        valueOf(handle, Setting.INTERVAL, setting, value),
                        valueOf(handle, Setting.PROBES, setting, value), NativeKeepAlive.ABSENT));
                setOne(handle, setting, value);
            }
            default -> setOne(handle, setting, value);
        }
    }

    private int valueOf(long handle, Setting wanted, Setting given, int value) throws IOException {
        return wanted == given ? value : get(handle, wanted);
    }

    @Override
    public int get(long handle, Setting setting) throws IOException {
        Integer kept = setting == Setting.IDLE ? listenerIdle.get(handle) : null;
        return kept != null ? kept : super.get(handle, setting);
    }

    @Override
    public NativeKeepAlive apply(long handle, NativeKeepAlive wanted) throws IOException {
        NativeKeepAlive before = read(handle);
        checkTimer(before.overriddenBy(wanted));
        return applyOver(handle, before, wanted);
    }

    /** Sets one option; on a listener the idle time is kept instead of set. */
    @Override
    protected void setOne(long handle, Setting setting, int value) throws IOException {
        if (setting == Setting.IDLE) {
            if (listening(handle)) {
                listenerIdle.put(handle, value);
                return;
            }
            listenerIdle.remove(handle);
        }
        try {
            super.setOne(handle, setting, value);
        } catch (SocketOptionException e) {
            if (!"EINVAL".equals(e.errorName())) {
                throw e;
            }
            SocketOptionException named = new SocketOptionException("setsockopt", e.option(), e.errorCode(),
                    e.errorName(), e.osMessage() + SHUT_DOWN);
            named.initCause(e);
            throw named;
        }
    }

    /** A time read back equal to the sysctl's may be "none": put back as 0, so it follows the sysctl again. */
    @Override
    protected int restoreValue(Setting setting, int before) {
        SourcedValue<?> systemDefault = systemDefault(systemDefaults(), setting);
        return systemDefault != null && systemDefault.value().isPresent() && nativeValue(systemDefault) == before
                ? 0 : before;
    }

    @Override
    public EffectiveKeepAlive effective(long handle) throws IOException {
        EffectiveReader reader = reader(handle);
        SystemDefaults defaults = reader.defaults();
        Integer kept = listenerIdle.get(handle);
        SourcedValue<Duration> idle = kept != null
                ? SourcedValue.of(Duration.ofSeconds(kept), ValueSource.REMEMBERED, "kept by this library for the"
                        + " sockets this listener accepts; not set on the listener, which macOS 13 and earlier drop"
                        + " when its keep-alive timer fires")
                : defaulted(reader.idle(), defaults, Setting.IDLE);
        return new EffectiveKeepAlive(table().os().displayName(), enabled(reader.enabled()), idle,
                defaulted(reader.interval(), defaults, Setting.INTERVAL),
                defaulted(reader.probes(), defaults, Setting.PROBES), reader.userTimeout());
    }

    private SourcedValue<Boolean> enabled(SourcedValue<Boolean> read) {
        if (read.value().orElse(true)) {
            return read;
        }
        try {
            if (sysctl.readInt(ALWAYS_KEEPALIVE) != 0) {
                return SourcedValue.of(true, ValueSource.SYSTEM_DEFAULT, read.origin() + " reports off, but sysctl "
                        + ALWAYS_KEEPALIVE + " = 1 makes macOS probe every idle connection");
            }
        } catch (IOException unreadable) {
            // no such sysctl: XNU has it since long before 10.12, so keep what the socket says
        }
        return read;
    }

    /** A value read back that equals the sysctl's default is labelled as possibly not set on the socket. */
    private static <T> SourcedValue<T> defaulted(SourcedValue<T> read, SystemDefaults defaults, Setting setting) {
        @SuppressWarnings("unchecked")
        SourcedValue<T> systemDefault = (SourcedValue<T>) systemDefault(defaults, setting);
        if (read.source() != ValueSource.SOCKET || systemDefault == null || systemDefault.value().isEmpty()
                || !systemDefault.value().equals(read.value())) {
            return read;
        }
        return SourcedValue.of(read.value().orElseThrow(), ValueSource.SYSTEM_DEFAULT, read.origin()
                + " reports " + systemDefault.origin() + "'s value: not set on this socket, or set to that same value");
    }

    private static SourcedValue<?> systemDefault(SystemDefaults defaults, Setting setting) {
        Function<SystemDefaults, SourcedValue<?>> field = switch (setting) {
            case IDLE -> SystemDefaults::idle;
            case INTERVAL -> SystemDefaults::interval;
            case PROBES -> SystemDefaults::probes;
            default -> d -> null;
        };
        return field.apply(defaults);
    }

    /** A default as the option's native value: seconds for the times (the sysctls hold whole seconds in ms). */
    private static long nativeValue(SourcedValue<?> systemDefault) {
        Object value = systemDefault.value().orElseThrow();
        return value instanceof Duration duration ? duration.toSeconds() : ((Integer) value).longValue();
    }

    /** Refuses settings whose {@code idle + probes * interval} the keep-alive timer cannot hold. */
    private static void checkTimer(NativeKeepAlive values) {
        if (!values.has(Setting.IDLE) || !values.has(Setting.INTERVAL) || !values.has(Setting.PROBES)) {
            return;
        }
        long sum = 1000L * values.idle() + 1000L * values.probes() * values.interval();
        if (sum >= MacOptions.TIMER_RANGE_MS) {
            throw new IllegalArgumentException("idle + probes x interval = " + values.idle() + " s + "
                    + values.probes() + " x " + values.interval() + " s reaches 2^32 ms, which macOS's keep-alive"
                    + " timer adds in 32 bits: it would drop the connection after one probe or at once");
        }
    }

    /** Whether the socket is listening: the first byte of {@code TCP_CONNECTION_INFO} is its TCP state. */
    private boolean listening(long handle) throws IOException {
        return (calls.getInt(handle, MacOptions.TCP_CONNECTION_INFO) & 0xFF) == MacOptions.TCPS_LISTEN;
    }
}
