package dev.keepalive.internal.posix;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.SocketCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scripted stand-in for {@code setsockopt}/{@code getsockopt}: it stores values and records each call. */
final class ScriptedCalls implements SocketCalls {

    private final ErrorNames errors;
    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> writeFailures = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    ScriptedCalls(ErrorNames errors) {
        this.errors = errors;
    }

    ScriptedCalls failWritesOf(String option, int errno) {
        writeFailures.put(option, errno);
        return this;
    }

    Integer value(int level, int option) {
        return values.get(level + "/" + option);
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int value) throws SocketOptionException {
        calls.add("setsockopt(" + handle + ", " + spec.level() + ", 0x" + Integer.toHexString(spec.option()) + ", "
                + value + ")");
        Integer errno = writeFailures.get(spec.name());
        if (errno != null) {
            throw new SocketOptionException("setsockopt", spec.name(), errno, errors.nameOf(errno), "scripted");
        }
        values.put(spec.level() + "/" + spec.option(), value);
    }

    @Override
    public int getInt(long handle, OptionSpec spec) {
        calls.add("getsockopt(" + handle + ", " + spec.level() + ", 0x" + Integer.toHexString(spec.option()) + ")");
        return values.getOrDefault(spec.level() + "/" + spec.option(), 0);
    }
}
