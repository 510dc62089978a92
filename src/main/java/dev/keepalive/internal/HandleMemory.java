package dev.keepalive.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a backend remembers about sockets it cannot read back, by socket handle, so that every view of a socket
 * shares it; with one lock per handle for read-modify-write, and forgetting: when the JDK socket that owned the
 * handle is collected, or when a view of another JDK socket with the same handle number is made (the first was
 * closed and the number reused). A raw handle's entry lasts until then.
 *
 * @param <T> what is remembered per socket
 */
public final class HandleMemory<T> {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final int LOCKS = 64;

    private final Map<Long, T> values = new ConcurrentHashMap<>();
    private final Map<Long, WeakReference<Object>> owners = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCKS];

    /** Creates an empty memory. */
    public HandleMemory() {
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The lock to hold while reading, changing and sending what is remembered for a handle.
     *
     * @param handle the handle
     * @return the lock
     */
    public Object lock(long handle) {
        return locks[Long.hashCode(handle) & (LOCKS - 1)];
    }

    /**
     * What is remembered for a handle.
     *
     * @param handle the handle
     * @return the value, or {@code null}
     */
    public T get(long handle) {
        return values.get(handle);
    }

    /**
     * Remembers a value for a handle.
     *
     * @param handle the handle
     * @param value the value
     */
    public void put(long handle, T value) {
        values.put(handle, value);
    }

    /**
     * Forgets a handle.
     *
     * @param handle the handle
     */
    public void remove(long handle) {
        values.remove(handle);
    }

    /**
     * Records which JDK socket owns a handle; see {@link Backend#attach(long, Object)}.
     *
     * @param handle the handle
     * @param socket the socket
     */
    public void attach(long handle, Object socket) {
        WeakReference<Object> owner = owners.get(handle);
        if (owner != null && owner.get() == socket) {
            return;
        }
        synchronized (lock(handle)) {
            if (owner != null) {
                values.remove(handle); // another socket had this handle number before
            }
            WeakReference<Object> reference = new WeakReference<>(socket);
            owners.put(handle, reference);
            Map<Long, T> remembered = values;
            Map<Long, WeakReference<Object>> registered = owners;
            CLEANER.register(socket, () -> {
                if (registered.remove(handle, reference)) {
                    remembered.remove(handle);
                }
            });
        }
    }
}
