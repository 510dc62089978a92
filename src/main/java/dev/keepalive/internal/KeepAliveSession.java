package dev.keepalive.internal;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.KeepAlive;
import dev.keepalive.SourcedValue;
import dev.keepalive.ValueSource;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * The keep-alive operations on one socket, behind one {@code SocketKeepAlive} view. Each operation converts and
 * checks its values first ({@link OptionTable}), then takes the guard's lock once, checks once that the socket is
 * open (which gives the handle), and makes one call to the {@link Backend} with the handle. Where the socket has
 * moved to another connection by the time the lock is held ({@link SocketGuard#MOVED}), the lock is let go and
 * the new connection's taken instead.
 */
public final class KeepAliveSession {

    /** A backend call with an object argument; the lambdas given are stateless, so nothing is allocated. */
    @FunctionalInterface
    private interface Call<T, R> {
        R run(Backend backend, long handle, T argument) throws IOException;
    }

    /** How often a call follows a socket to its new connection before it gives up. */
    private static final int MAX_ATTEMPTS = 8;

    private final SocketGuard guard;
    private final Backend backend;
    private final Access access;
    private final String accessNote;

    /**
     * Creates a session.
     *
     * @param guard the socket's lock, open check and handle
     * @param backend the OS calls (or the JDK's options)
     * @param access how the socket is reached, for reports
     */
    public KeepAliveSession(SocketGuard guard, Backend backend, Access access) {
        this(guard, backend, access, "");
    }

    /**
     * Creates a session whose access path comes with a reason for users, such as why a socket is reached
     * through the JDK's options although the JVM opened {@code java.base} to this library.
     *
     * @param guard the socket's lock, open check and handle
     * @param backend the OS calls (or the JDK's options)
     * @param access how the socket is reached
     * @param accessNote why, in words; empty where the access path says it all
     */
    public KeepAliveSession(SocketGuard guard, Backend backend, Access access, String accessNote) {
        this.guard = guard;
        this.backend = backend;
        this.access = access;
        this.accessNote = accessNote;
    }

    /**
     * The options and limits in use.
     *
     * @return the table
     */
    public OptionTable table() {
        return backend.table();
    }

    /**
     * How this session reaches its socket.
     *
     * @return the access path
     */
    public Access access() {
        return access;
    }

    /**
     * How this session reaches its socket, in words, with the reason where there is one.
     *
     * @return for example {@code native handle}, or
     *     {@code JDK socket options (com.example.PooledSocket overrides the socket options: they are used)}
     */
    public String accessText() {
        return accessNote.isEmpty() ? access.text() : access.text() + " (" + accessNote + ")";
    }

    /**
     * Sets one option, already converted and range-checked.
     *
     * @param setting the setting
     * @param value the value in the option's unit
     * @throws IOException if the socket is closed or the OS refuses
     */
    public void set(Setting setting, int value) throws IOException {
        lockedInt(true, setting, value);
    }

    /**
     * Sets one time option.
     *
     * @param setting the setting
     * @param value the duration, rounded up to the OS's unit
     * @throws IOException if the socket is closed or the OS refuses
     */
    public void set(Setting setting, Duration value) throws IOException {
        set(setting, table().toNative(setting, value));
    }

    /**
     * Reads one option.
     *
     * @param setting the setting
     * @return the value in the option's unit
     * @throws IOException if the socket is closed or the OS refuses
     */
    public int get(Setting setting) throws IOException {
        return lockedInt(false, setting, 0);
    }

    /**
     * Applies every present field, all or nothing.
     *
     * @param settings the settings
     * @return the settings in effect afterwards
     * @throws IOException if the socket is closed or the OS refuses one option
     */
    public KeepAlive apply(KeepAlive settings) throws IOException {
        NativeKeepAlive wanted = table().toNative(settings);
        return table().toKeepAlive(locked(Backend::apply, wanted));
    }

    /**
     * Reads every option this OS can report.
     *
     * @return the settings in effect, with fields the OS cannot report absent
     * @throws IOException if the socket is closed or the OS refuses
     */
    public KeepAlive current() throws IOException {
        return table().toKeepAlive(locked((backend, handle, ignored) -> backend.read(handle), null));
    }

    /**
     * Reads every setting with where its value comes from.
     *
     * @return the report
     * @throws IOException if the socket is closed or the OS refuses
     */
    public EffectiveKeepAlive effective() throws IOException {
        return locked((backend, handle, ignored) -> backend.effective(handle), null);
    }

    /**
     * The settings this socket holds of its own, to give to another socket: every field whose value was read
     * from the socket or set and remembered by this library, and that this OS accepts back; a system default,
     * or a value this OS would refuse (such as a {@code TCP_MAXRT} Windows does not document), is left out, so
     * that copying never pins a default onto a socket nor fails over a legal value.
     *
     * @return the settings; {@code enabled} as the socket reports it, off if it cannot
     * @throws IOException if the socket is closed or the OS refuses
     */
    public KeepAlive ownSettings() throws IOException {
        EffectiveKeepAlive effective = effective();
        ValueSource enabledSource = effective.enabled().source();
        KeepAlive.Builder builder = KeepAlive.builder().enabled(
                (enabledSource == ValueSource.SOCKET || enabledSource == ValueSource.REMEMBERED)
                        && effective.enabled().value().orElse(false));
        if (own(effective.idle(), Setting.IDLE)) {
            builder.idle(effective.idle().value().orElseThrow());
        }
        if (own(effective.interval(), Setting.INTERVAL)) {
            builder.interval(effective.interval().value().orElseThrow());
        }
        if (effective.probes().source() == ValueSource.SOCKET || effective.probes().source() == ValueSource.REMEMBERED) {
            int probes = effective.probes().value().orElseThrow();
            if (accepts(() -> table().toNative(Setting.PROBES, probes))) {
                builder.probes(probes);
            }
        }
        if (own(effective.userTimeout(), Setting.USER_TIMEOUT)) {
            builder.userTimeout(effective.userTimeout().value().orElseThrow());
        }
        return builder.build();
    }

    private boolean own(SourcedValue<Duration> value, Setting setting) {
        return (value.source() == ValueSource.SOCKET || value.source() == ValueSource.REMEMBERED)
                && accepts(() -> table().toNative(setting, value.value().orElseThrow()));
    }

    private static boolean accepts(Runnable conversion) {
        try {
            conversion.run();
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException refused) {
            return false;
        }
    }

    /** A read of something else about the socket, made with its handle under its lock. */
    @FunctionalInterface
    public interface HandleRead<R> {
        /**
         * Reads.
         *
         * @param handle the socket's handle, valid during the call
         * @return what was read
         * @throws IOException if the read fails
         */
        R read(long handle) throws IOException;
    }

    /**
     * Makes a read of the socket's own with its handle, under the same lock and open check as every keep-alive
     * call, for tools such as the command line's {@code watch}; only on the native path.
     *
     * @param read the read
     * @param <R> what it gives
     * @return what it gave, or empty where this session does not reach the socket's handle
     * @throws IOException if the socket is closed or the read fails
     */
    public <R> Optional<R> withHandle(HandleRead<R> read) throws IOException {
        if (access != Access.NATIVE_HANDLE) {
            return Optional.empty();
        }
        return Optional.ofNullable(locked((backend, handle, reader) -> reader.read(handle), read));
    }

    /**
     * Tells the backend which JDK socket owns the handle now ({@link Backend#attach(long, Object)}), so that what
     * it remembers about the handle is forgotten with the socket; nothing is needed of a socket already closed.
     *
     * @param socket the JDK socket or channel this session's guard reaches
     */
    void attach(Object socket) {
        try {
            locked((backend, handle, owner) -> {
                backend.attach(handle, owner);
                return null;
            }, socket);
        } catch (IOException closed) {
            // a closed socket has nothing to remember; every call on it fails as the JDK's own do
        }
    }

    /**
     * The single-option hot path, under the lock like {@link #locked}: sets ({@code write}) or reads one option
     * with int arguments and result, so nothing is boxed. A flag rather than a lambda per direction, which a
     * fresh JVM would have to spin before its first call.
     */
    private int lockedInt(boolean write, Setting setting, int value) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Object lock = guard.lock();
            if (lock instanceof Lock closeLock) {
                closeLock.lock();
                try {
                    long handle = guard.handle(lock);
                    if (handle != SocketGuard.MOVED) {
                        return write ? setReturningZero(handle, setting, value) : backend.get(handle, setting);
                    }
                } finally {
                    closeLock.unlock();
                }
            } else {
                synchronized (lock) {
                    long handle = guard.handle(lock);
                    if (handle != SocketGuard.MOVED) {
                        return write ? setReturningZero(handle, setting, value) : backend.get(handle, setting);
                    }
                }
            }
            checkAttempts(attempt);
        }
    }

    private <T, R> R locked(Call<T, R> call, T argument) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Object lock = guard.lock();
            if (lock instanceof Lock closeLock) {
                closeLock.lock();
                try {
                    long handle = guard.handle(lock);
                    if (handle != SocketGuard.MOVED) {
                        return call.run(backend, handle, argument);
                    }
                } finally {
                    closeLock.unlock();
                }
            } else {
                synchronized (lock) {
                    long handle = guard.handle(lock);
                    if (handle != SocketGuard.MOVED) {
                        return call.run(backend, handle, argument);
                    }
                }
            }
            checkAttempts(attempt);
        }
    }

    /**
     * Gives up once the socket's connection has changed under the call too often: the JDK replaces it at most
     * once per connect or accept, so this takes a socket replaced in a loop by another thread.
     */
    private int setReturningZero(long handle, Setting setting, int value) throws IOException {
        backend.set(handle, setting, value);
        return 0;
    }

    private static void checkAttempts(int attempt) throws SocketException {
        if (attempt >= MAX_ATTEMPTS) {
            throw new SocketException("the socket's connection changed " + attempt + " times during one call");
        }
    }
}
