package dev.keepalive.internal;

import dev.keepalive.internal.posix.PosixBackend;
import dev.keepalive.internal.windows.WindowsBackend;
import java.util.Locale;

/** Decides, once per JVM, which OS this is and which backend serves it. */
public final class Platform {

    /** The OS families this library knows. */
    public enum Os {
        /** Linux. */
        LINUX("Linux"),
        /** macOS. */
        MACOS("macOS"),
        /** Windows. */
        WINDOWS("Windows"),
        /** Anything else. */
        OTHER("other");

        private final String displayName;

        Os(String displayName) {
            this.displayName = displayName;
        }

        /**
         * The name the public reports use.
         *
         * @return {@code Linux}, {@code macOS}, {@code Windows} or {@code other}
         */
        public String displayName() {
            return displayName;
        }

        /**
         * The family of an {@code os.name} value.
         *
         * @param osName the value of the {@code os.name} system property
         * @return the family
         */
        public static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("linux")) {
                return LINUX;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MACOS;
            }
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return OTHER;
        }

        /**
         * The supported family with this {@linkplain #displayName() display name}.
         *
         * @param displayName {@code Linux}, {@code macOS} or {@code Windows}
         * @return the family
         * @throws IllegalArgumentException for any other name
         */
        public static Os ofDisplayName(String displayName) {
            for (Os os : values()) {
                if (os != OTHER && os.displayName.equals(displayName)) {
                    return os;
                }
            }
            throw new IllegalArgumentException("os must be Linux, macOS or Windows, was " + displayName);
        }
    }

    private Platform() {
    }

    /**
     * The running OS's family.
     *
     * @return the family
     */
    public static Os os() {
        return Os.of(System.getProperty("os.name", ""));
    }

    /**
     * The running OS's backend.
     *
     * @return the backend
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public static Backend backend() {
        Backend backend = Holder.BACKEND;
        if (backend == null) {
            throw new UnsupportedOperationException("socket-keepalive supports Linux, macOS and Windows, not "
                    + System.getProperty("os.name"));
        }
        return backend;
    }

    /**
     * Checks that a number can be a socket handle on the running OS, before any native call.
     *
     * @param handle a POSIX file descriptor or a Windows {@code SOCKET}
     * @throws IllegalArgumentException if it cannot be one
     */
    public static void checkHandle(long handle) {
        checkHandle(os(), handle);
    }

    /**
     * Checks that a number can be a socket handle on an OS: a POSIX descriptor is a non-negative C int; on
     * Windows any {@code SOCKET} but {@code INVALID_SOCKET}.
     *
     * @param os the OS
     * @param handle the handle
     * @throws IllegalArgumentException if it cannot be one
     */
    public static void checkHandle(Os os, long handle) {
        if (os == Os.WINDOWS) {
            // INVALID_SOCKET is (SOCKET)(~0): all 64 bits set; any other value may name a socket
            if (handle == -1L) {
                throw new IllegalArgumentException("the handle is INVALID_SOCKET");
            }
        } else if (handle < 0 || handle > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a file descriptor is a non-negative int, was " + handle);
        }
    }

    /**
     * Creates the backend for an OS family.
     *
     * @param os the family
     * @return the backend, or {@code null} for {@link Os#OTHER}
     */
    static Backend create(Os os) {
        return switch (os) {
            case LINUX -> PosixBackend.linux();
            case MACOS -> PosixBackend.macos();
            case WINDOWS -> WindowsBackend.create();
            case OTHER -> null;
        };
    }

    /**
     * Creates the backend for an OS family where the JVM denies this library native access: no native code is
     * loaded, and only what needs none works.
     *
     * @param os the family
     * @return the backend, or {@code null} for {@link Os#OTHER}
     */
    static Backend withoutNativeAccess(Os os) {
        return switch (os) {
            case LINUX -> PosixBackend.withoutNativeAccess(false);
            case MACOS -> PosixBackend.withoutNativeAccess(true);
            case WINDOWS -> WindowsBackend.withoutNativeAccess();
            case OTHER -> null;
        };
    }

    private static final class Holder {
        static final Backend BACKEND = NativeAccess.enabled() ? create(os()) : withoutNativeAccess(os());
    }
}
