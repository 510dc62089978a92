package dev.keepalive.internal;

import java.util.HashMap;
import java.util.Map;

/** Symbolic names of an OS's error codes ({@code errno} values, Winsock codes). */
public final class ErrorNames {

    private final Map<Integer, String> names = new HashMap<>();

    /**
     * Creates an empty table.
     */
    public ErrorNames() {
    }

    /**
     * Adds a name; the first name given for a code wins (some codes have aliases, such as
     * {@code EAGAIN} and {@code EWOULDBLOCK}).
     *
     * @param code the code
     * @param name its symbolic name
     * @return this table
     */
    public ErrorNames add(int code, String name) {
        names.putIfAbsent(code, name);
        return this;
    }

    /**
     * The symbolic name of a code.
     *
     * @param code the code
     * @return the name, or {@code UNKNOWN} for a code not in the table
     */
    public String nameOf(int code) {
        return names.getOrDefault(code, "UNKNOWN");
    }
}
