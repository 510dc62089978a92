package dev.keepalive.internal.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * macOS's {@code sysctlbyname}, through a hand-written downcall that captures {@code errno}: no macOS headers
 * are available to generate one. The C declaration, from the macOS SDK's {@code sys/sysctl.h}, is
 * {@code int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)}; on the
 * 64-bit macOS this library runs on, {@code size_t} is 8 bytes. Loaded only on macOS (glibc has no such
 * function), and never on a hot path: each read allocates its own memory.
 */
final class NativeSysctl implements Sysctl {

    /** {@code int sysctlbyname(const char *, void *, size_t *, void *, size_t)} with an 8-byte {@code size_t}. */
    static final FunctionDescriptor SYSCTLBYNAME_DESCRIPTOR =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);

    private final MethodHandle sysctlbyname;

    /**
     * The C library's {@code sysctlbyname}, bound on first use.
     *
     * @return the reader
     * @throws UnsupportedOperationException where the C library has no {@code sysctlbyname} (only macOS has)
     */
    static NativeSysctl system() {
        return SystemHolder.SYSTEM;
    }

    /**
     * A function at the given address with {@code sysctlbyname}'s signature.
     *
     * @param address the function, such as a test's upcall stub
     */
    NativeSysctl(MemorySegment address) {
        this.sysctlbyname = Linker.nativeLinker().downcallHandle(address, SYSCTLBYNAME_DESCRIPTOR,
                Linker.Option.captureCallState("errno"));
    }

    private static final class SystemHolder {
        static final NativeSysctl SYSTEM = new NativeSysctl(Linker.nativeLinker().defaultLookup()
                .find("sysctlbyname")
                .orElseThrow(() -> new UnsupportedOperationException("this OS has no sysctlbyname")));
    }

    @Override
    public int readInt(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_LONG, JAVA_INT.byteSize());
            MemorySegment capture = arena.allocate(CapturedErrno.LAYOUT);
            int result;
            try {
                result = (int) sysctlbyname.invokeExact(capture, arena.allocateFrom(name), value, length,
                        MemorySegment.NULL, 0L);
            } catch (Throwable unexpected) {
                throw new IllegalStateException("sysctlbyname downcall failed", unexpected);
            }
            if (result != 0) {
                int errno = CapturedErrno.of(capture);
                throw new IOException("sysctlbyname(" + name + ") failed: "
                        + MacOptions.ERRORS.nameOf(errno) + " (" + errno + "): " + PosixCalls.describe(errno));
            }
            long size = length.get(JAVA_LONG, 0);
            if (size != JAVA_INT.byteSize()) {
                throw new IOException(name + " is " + size + " bytes long, not a 4-byte int");
            }
            return value.get(JAVA_INT, 0);
        }
    }
}
