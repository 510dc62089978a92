package dev.keepalive.testing;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Reads the keep-alive options of another process's socket, independently of that process and of the library:
 * {@code pidfd_open(2)} and {@code pidfd_getfd(2)} (Linux 5.6, glibc 2.36) copy the descriptor into this
 * process, where a plain {@code getsockopt} reads it ({@link KernelSettings#of(int)}). It needs the right to
 * trace the process (the same user with ptrace allowed, or root). Linux only.
 */
public final class ProcessDescriptors {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIDFD_OPEN = function("pidfd_open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PIDFD_GETFD = function("pidfd_getfd", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private ProcessDescriptors() {
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
        int pidfd = call(PIDFD_OPEN, (int) pid, 0);
        try {
            int copy = call(PIDFD_GETFD, pidfd, fd, 0);
            try {
                return KernelSettings.of(copy);
            } finally {
                Descriptors.close(copy);
            }
        } finally {
            Descriptors.close(pidfd);
        }
    }

    private static int call(MethodHandle function, int... args) {
        int result;
        try {
            result = args.length == 2 ? (int) function.invokeExact(args[0], args[1])
                    : (int) function.invokeExact(args[0], args[1], args[2]);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (result < 0) {
            throw new IllegalStateException("pidfd call failed for " + java.util.Arrays.toString(args));
        }
        return result;
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor))
                .orElseThrow(() -> new IllegalStateException(name + " is not in the C library (glibc 2.36+)"));
    }
}
