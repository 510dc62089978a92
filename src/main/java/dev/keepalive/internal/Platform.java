package dev.keepalive.internal;

import dev.keepalive.internal.posix.PosixBackend;
import dev.keepalive.internal.windows.WindowsBackend;
import java.util.Locale;

/** Chooses the backend for the running OS, once per JVM. */
public final class Platform {

    /** The OS families this library knows. */
    public enum Os {
        /** Linux. */
        LINUX,
        /** macOS. */
        MACOS,
        /** Windows. */
        WINDOWS,
        /** Anything else. */
        OTHER;

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

    private static final class Holder {
        static final Backend BACKEND = create(os());
    }
}
