package dev.keepalive.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The C library's socket-option calls through JNA, in its two styles. */
final class Jna {

    private Jna() {
    }

    /** Direct mapping: static native methods bound by {@link Native#register(String)}. */
    static final class Direct {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        private Direct() {
        }

        static native int setsockopt(int fd, int level, int option, Pointer value, int length);

        static native int getsockopt(int fd, int level, int option, Pointer value, Pointer length);

        static native int abs(int value);
    }

    /** Interface mapping: a proxy made by {@link Native#load(String, Class)}. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int setsockopt(int fd, int level, int option, Pointer value, int length);

        int getsockopt(int fd, int level, int option, Pointer value, Pointer length);
    }
}
