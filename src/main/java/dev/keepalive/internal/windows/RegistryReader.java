package dev.keepalive.internal.windows;

/**
 * Reads {@code REG_DWORD} values under {@code HKEY_LOCAL_MACHINE}. The real one is {@link NativeRegistry};
 * tests use a scripted double, since Windows cannot run here.
 */
interface RegistryReader {

    /**
     * The outcome of one read.
     *
     * @param status the Windows error code {@code RegGetValueW} returned, {@code ERROR_SUCCESS} (0) if read
     * @param value the DWORD's 32 bits where the read succeeded, else 0
     */
    record Dword(int status, int value) {
    }

    /**
     * Calls {@code RegGetValueW(HKEY_LOCAL_MACHINE, subKey, name, RRF_RT_REG_DWORD, ...)}.
     *
     * @param subKey the key's path under {@code HKEY_LOCAL_MACHINE}
     * @param name the value's name
     * @return the status and value
     */
    Dword readDword(String subKey, String name);
}
