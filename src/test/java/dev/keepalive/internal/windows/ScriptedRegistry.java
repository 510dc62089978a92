package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.registry_h.ERROR_FILE_NOT_FOUND;
import static dev.keepalive.internal.windows.gen.registry_h.ERROR_SUCCESS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for the registry: it holds DWORD values and failure codes by value name, answers
 * {@code ERROR_FILE_NOT_FOUND} for anything else, as {@code RegGetValueW} does, and records every read.
 */
final class ScriptedRegistry implements RegistryReader {

    private final Map<String, Integer> values = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    final List<String> reads = new ArrayList<>();

    ScriptedRegistry dword(String name, int value) {
        values.put(name, value);
        return this;
    }

    ScriptedRegistry failing(String name, int status) {
        failures.put(name, status);
        return this;
    }

    @Override
    public Dword readDword(String subKey, String name) {
        reads.add(subKey + "\\" + name);
        Integer failure = failures.get(name);
        if (failure != null) {
            return new Dword(failure, 0);
        }
        Integer value = values.get(name);
        return value == null ? new Dword(ERROR_FILE_NOT_FOUND(), 0) : new Dword(ERROR_SUCCESS(), value);
    }
}
