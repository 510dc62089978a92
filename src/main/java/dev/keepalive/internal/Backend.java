package dev.keepalive.internal;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SystemDefaults;
import java.io.IOException;
import java.util.List;

/**
 * One OS's keep-alive calls on a socket handle, as socket2's {@code set_tcp_keepalive} takes the whole
 * settings: the session converts and checks the values once ({@link OptionTable}), takes the socket's lock,
 * checks it is open, and then makes exactly one call here. An implementation keeps no lock of its own for
 * the socket: every method runs under the session's lock. The OS backend is chosen once per JVM by
 * {@link Platform}; {@link JdkOptions} is the same contract over the JDK's socket options.
 */
public interface Backend {

    /**
     * The OS's options and limits.
     *
     * @return the table
     */
    OptionTable table();

    /**
     * Sets one option: the single setters' hot path, which allocates nothing on the native path.
     *
     * @param handle the socket
     * @param setting the setting
     * @param value the value in the option's unit, already checked against the table
     * @throws IOException if the OS refuses
     */
    void set(long handle, Setting setting, int value) throws IOException;

    /**
     * Reads one option.
     *
     * @param handle the socket
     * @param setting the setting
     * @return the value in the option's unit ({@code SO_KEEPALIVE}: 0 or 1)
     * @throws IOException if the OS refuses
     */
    int get(long handle, Setting setting) throws IOException;

    /**
     * Reads every setting this OS can report.
     *
     * @param handle the socket
     * @return the values; those the OS cannot report are {@link NativeKeepAlive#ABSENT}
     * @throws IOException if the OS refuses
     */
    NativeKeepAlive read(long handle) throws IOException;

    /**
     * Applies every given field, all or nothing: if the OS refuses one, what was changed is set back to what
     * was there before and the refusal is thrown (with any failure to restore added as suppressed).
     *
     * @param handle the socket
     * @param wanted the fields to set; {@code enabled} is always given
     * @return the settings in effect afterwards
     * @throws IOException if the OS refuses
     */
    NativeKeepAlive apply(long handle, NativeKeepAlive wanted) throws IOException;

    /**
     * Reads every setting with where its value comes from.
     *
     * @param handle the socket
     * @return the report
     * @throws IOException if the OS refuses
     */
    EffectiveKeepAlive effective(long handle) throws IOException;

    /**
     * Tells the backend which JDK socket a handle belongs to, when a view of it is made, so that anything it
     * remembers about the handle is forgotten once that socket is gone or the number names another socket.
     * Most backends remember nothing.
     *
     * @param handle the socket's handle
     * @param socket the JDK socket or channel owning it
     */
    default void attach(long handle, Object socket) {
    }

    /**
     * Whether this backend remembers anything per handle, so that {@link #attach(long, Object)} is worth the lock
     * it is called under when a view is made.
     *
     * @return {@code false} unless {@code attach} is overridden
     */
    default boolean remembersPerHandle() {
        return false;
    }

    /**
     * Reads the OS's system-wide keep-alive defaults, fresh on each call.
     *
     * @return the defaults; those that cannot be read are unknown, with the reason
     */
    SystemDefaults systemDefaults();

    /**
     * What the backend found about this OS, for the capability report.
     *
     * @return lines of text
     */
    List<String> notes();
}
