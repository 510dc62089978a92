package dev.keepalive.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarks' own native library, {@code libkeepalivebench.so}, built from {@code src/jmh/c} into the
 * directory named by the system property {@code bench.native.dir} (by default {@code native} under
 * {@code bench.dir}): the C loops (called through FFM, once per batch) and the JNI shim. Absent when the build
 * found no C compiler; {@link #AVAILABLE} then says so and the runner leaves out the rows that need it.
 */
public final class Natives {

    /** Where the library is expected. */
    public static final Path LIBRARY = Path.of(System.getProperty("bench.native.dir",
            System.getProperty("bench.dir", "target/bench") + "/native"), "libkeepalivebench.so");
    /** Whether the library was built. */
    public static final boolean AVAILABLE = Files.isRegularFile(LIBRARY);

    /** {@code int ka_set_loop(int fd, int level, int option, int value, int n)}: failures. */
    public static final MethodHandle SET_LOOP;
    /** {@code int ka_get_loop(int fd, int level, int option, int n)}: failures. */
    public static final MethodHandle GET_LOOP;
    /** {@code int ka_apply_loop(int fd, int idle, int interval, int probes, int n)}: failures. */
    public static final MethodHandle APPLY_LOOP;
    /** {@code int ka_apply_sets_loop(int fd, int idle, int interval, int probes, int n)}: failures. */
    public static final MethodHandle APPLY_SETS_LOOP;
    /** {@code int ka_current_loop(int fd, int n)}: failures. */
    public static final MethodHandle CURRENT_LOOP;

    static {
        if (AVAILABLE) {
            String path = LIBRARY.toAbsolutePath().toString();
            System.load(path); // for the JNI methods below
            SymbolLookup lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            SET_LOOP = downcall(lookup, "ka_set_loop", 5);
            GET_LOOP = downcall(lookup, "ka_get_loop", 4);
            APPLY_LOOP = downcall(lookup, "ka_apply_loop", 5);
            APPLY_SETS_LOOP = downcall(lookup, "ka_apply_sets_loop", 5);
            CURRENT_LOOP = downcall(lookup, "ka_current_loop", 2);
        } else {
            SET_LOOP = GET_LOOP = APPLY_LOOP = APPLY_SETS_LOOP = CURRENT_LOOP = null;
        }
    }

    private Natives() {
    }

    /** Fails a trial that needs the library when it was not built. */
    public static void require() {
        if (!AVAILABLE) {
            throw new IllegalStateException("no " + LIBRARY + ": it is built only where a C compiler is found");
        }
    }

    /** JNI: {@code setsockopt} on a 4-byte int; 0 or -1. */
    public static native int jniSetInt(int fd, int level, int option, int value);

    /** JNI: {@code getsockopt} on a 4-byte int; the value or -1. */
    public static native int jniGetInt(int fd, int level, int option);

    /** JNI: the C library's {@code abs}, called from the shim. */
    public static native int jniAbs(int value);

    private static MethodHandle downcall(SymbolLookup lookup, String name, int intArguments) {
        var arguments = new java.lang.foreign.MemoryLayout[intArguments];
        java.util.Arrays.fill(arguments, JAVA_INT);
        return Linker.nativeLinker().downcallHandle(lookup.find(name).orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, arguments));
    }
}
