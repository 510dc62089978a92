package dev.keepalive.testing;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Reads the keep-alive options of another process's socket, independently of that process and of the library:
 * {@code pidfd_open(2)} and {@code pidfd_getfd(2)} (Linux 5.6, glibc 2.36) copy the descriptor into this
 * process, where a plain {@code getsockopt} reads it ({@link KernelSettings#of(int)}). It needs the right to
 * trace the process (the same user with ptrace allowed, or root). Linux only.
 */
public final class ProcessDescriptors {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Optional<MethodHandle> PIDFD_OPEN = function("pidfd_open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final Optional<MethodHandle> PIDFD_GETFD = function("pidfd_getfd", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private ProcessDescriptors() {
    }

    /** Skips the calling test, or fails it in CI, unless this process can copy a descriptor of its own. */
    public static void requireAvailable() {
        String problem = null;
        try {
            copy(ProcessHandle.current().pid(), 0, Descriptors::close);
        } catch (IllegalStateException e) {
            problem = "pidfd_getfd (Linux 5.6, glibc 2.36, ptrace allowed) does not work here: " + e.getMessage();
        }
        Preconditions.require(problem == null, problem);
    }

    /**
     * The options of a socket of another process, as the kernel holds them.
     *
     * @param pid the process
     * @param fd the socket's descriptor in that process
     * @throws IllegalStateException if the descriptor cannot be copied (no such process or descriptor, or no
     *     right to trace the process)
     */
    public static KernelSettings settings(long pid, int fd) {
        KernelSettings[] settings = new KernelSettings[1];
        copy(pid, fd, copy -> settings[0] = KernelSettings.of(copy));
        return settings[0];
    }

    /** Copies a descriptor of a process into this one, hands it to the reader and closes it. */
    private static void copy(long pid, int fd, java.util.function.IntConsumer reader) {
        int pidfd = call(PIDFD_OPEN, "pidfd_open", (int) pid, 0, 0);
        try {
            int copy = call(PIDFD_GETFD, "pidfd_getfd", pidfd, fd, 0);
            try {
                reader.accept(copy);
            } finally {
                Descriptors.close(copy);
            }
        } finally {
            Descriptors.close(pidfd);
        }
    }

    private static int call(Optional<MethodHandle> function, String name, int first, int second, int third) {
        MethodHandle handle = function.orElseThrow(() -> new IllegalStateException(name
                + " is not in the C library (glibc 2.36 or later has it)"));
        int result;
        try {
            result = handle.type().parameterCount() == 2 ? (int) handle.invokeExact(first, second)
                    : (int) handle.invokeExact(first, second, third);
        } catch (Throwable e) {
            throw new IllegalStateException(name + " failed", e);
        }
        if (result < 0) {
            throw new IllegalStateException(name + " failed for process or descriptor " + first + ", " + second);
        }
        return result;
    }

    private static Optional<MethodHandle> function(String name, FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor));
    }
}
