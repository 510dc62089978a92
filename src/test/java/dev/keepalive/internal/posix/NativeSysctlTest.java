package dev.keepalive.internal.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The hand-written {@code sysctlbyname} downcall, against a native stand-in: an upcall stub with the same C
 * signature, which checks the arguments the way macOS reads them (a NUL-terminated name, an 8-byte
 * {@code size_t} length, no new value) and answers like macOS, setting {@code errno} through glibc's
 * {@code __errno_location} on failure. Runs on Linux, where that function exists.
 */
@EnabledOnOs(OS.LINUX)
class NativeSysctlTest {

    private static final MethodHandle ERRNO_LOCATION = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("__errno_location").orElseThrow(),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(JAVA_INT)));

    /** What the stand-in saw, one line per call. */
    private static final List<String> CALLS = new ArrayList<>();
    /** The length the stand-in reports back; 4 for an int. */
    private static long reportedLength = 4;

    private final Arena arena = Arena.ofConfined();
    private final NativeSysctl sysctl = new NativeSysctl(Linker.nativeLinker().upcallStub(standIn(),
            NativeSysctl.SYSCTLBYNAME_DESCRIPTOR, arena));

    @AfterEach
    void release() {
        arena.close();
        CALLS.clear();
        reportedLength = 4;
    }

    private static MethodHandle standIn() {
        try {
            return MethodHandles.lookup().findStatic(NativeSysctlTest.class, "sysctlbyname",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class,
                            MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Behaves like macOS's sysctlbyname for a read of net.inet.tcp.keepcnt and nothing else. */
    private static int sysctlbyname(MemorySegment name, MemorySegment oldp, MemorySegment oldlenp, MemorySegment newp,
                                    long newlen) {
        String text = name.reinterpret(256).getString(0);
        long length = oldlenp.reinterpret(JAVA_LONG.byteSize()).get(JAVA_LONG, 0);
        CALLS.add(text + " length=" + length + " newp=" + newp.address() + " newlen=" + newlen);
        if (!text.equals("net.inet.tcp.keepcnt")) {
            try {
                MemorySegment errno = (MemorySegment) ERRNO_LOCATION.invokeExact();
                errno.set(JAVA_INT, 0, 2); // ENOENT
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
            return -1;
        }
        oldp.reinterpret(length).set(JAVA_INT, 0, 8);
        oldlenp.reinterpret(JAVA_LONG.byteSize()).set(JAVA_LONG, 0, reportedLength);
        return 0;
    }

    @Test
    void readsAnIntWithAnEightByteLengthAndNoNewValue() throws Exception {
        assertThat(sysctl.readInt("net.inet.tcp.keepcnt")).isEqualTo(8);
        assertThat(CALLS).containsExactly("net.inet.tcp.keepcnt length=4 newp=0 newlen=0");
    }

    @Test
    void aFailureNamesTheErrnoCapturedByTheCall() {
        assertThatThrownBy(() -> sysctl.readInt("net.inet.tcp.nosuch"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("sysctlbyname(net.inet.tcp.nosuch) failed: ENOENT (2): ");
    }

    @Test
    void aValueThatIsNotAnIntIsRefused() {
        reportedLength = 8;
        assertThatThrownBy(() -> sysctl.readInt("net.inet.tcp.keepcnt"))
                .isInstanceOf(IOException.class).hasMessage("net.inet.tcp.keepcnt is 8 bytes long, not a 4-byte int");
    }
}
