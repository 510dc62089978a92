package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.registry_h.DWORD;
import static dev.keepalive.internal.windows.gen.registry_h.ERROR_SUCCESS;
import static dev.keepalive.internal.windows.gen.registry_h.HKEY_LOCAL_MACHINE;
import static dev.keepalive.internal.windows.gen.registry_h.RRF_RT_REG_DWORD;
import static dev.keepalive.internal.windows.gen.advapi32_h.RegGetValueW;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The real registry reads: {@code RegGetValueW} from {@code advapi32.dll} through the generated bindings, which
 * find the DLL with {@code SymbolLookup.libraryLookup} (no class-loader tie). It
 * returns its error code instead of setting the thread's last error, so no call state needs capturing. Loaded
 * only on Windows, and never on a hot path: each read allocates its own memory.
 */
final class NativeRegistry implements RegistryReader {

    @Override
    public Dword readDword(String subKey, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(DWORD);
            MemorySegment size = arena.allocateFrom(DWORD, (int) DWORD.byteSize());
            // the W functions take UTF-16 strings, which allocateFrom ends with a 2-byte NUL
            int status = RegGetValueW(HKEY_LOCAL_MACHINE(), arena.allocateFrom(subKey, StandardCharsets.UTF_16LE),
                    arena.allocateFrom(name, StandardCharsets.UTF_16LE), RRF_RT_REG_DWORD(), MemorySegment.NULL,
                    data, size);
            return new Dword(status, status == ERROR_SUCCESS() ? data.get(JAVA_INT, 0) : 0);
        }
    }
}
