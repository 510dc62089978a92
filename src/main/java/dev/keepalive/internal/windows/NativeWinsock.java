package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.AF_INET;
import static dev.keepalive.internal.windows.gen.winsock_h.INVALID_SOCKET;
import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SIO_KEEPALIVE_VALS;
import static dev.keepalive.internal.windows.gen.winsock_h.SOCK_STREAM;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.ThreadScratch;
import dev.keepalive.internal.windows.gen.WSAData;
import dev.keepalive.internal.windows.gen.tcp_keepalive;
import dev.keepalive.internal.windows.gen.ws2_32_h;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The real Winsock calls: downcalls to {@code ws2_32.dll} that capture {@code WSAGetLastError()} in the same
 * call, using the generated bindings' addresses and descriptors, with scratch memory per thread. One instance
 * serves every socket. Loaded only on Windows. The bindings find the DLL with
 * {@code SymbolLookup.libraryLookup}, which ties it to no class loader, so every class loader that loads this
 * library reaches Winsock ({@code System.loadLibrary} would let only the first).
 */
final class NativeWinsock implements WinsockCalls {

    private static final int DWORD_SIZE = 4;
    private static final short WINSOCK_2_2 = 0x0202;
    private static final StructLayout CAPTURE_LAYOUT;
    private static final VarHandle LAST_ERROR;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle WSAIOCTL;
    private static final MethodHandle SOCKET;

    static {
        startup();
        CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        LAST_ERROR = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("WSAGetLastError"));
        SETSOCKOPT = capturing(ws2_32_h.setsockopt$address(), ws2_32_h.setsockopt$descriptor());
        GETSOCKOPT = capturing(ws2_32_h.getsockopt$address(), ws2_32_h.getsockopt$descriptor());
        WSAIOCTL = capturing(ws2_32_h.WSAIoctl$address(), ws2_32_h.WSAIoctl$descriptor());
        SOCKET = capturing(ws2_32_h.socket$address(), ws2_32_h.socket$descriptor());
    }

    private static final ThreadScratch<Scratch> SCRATCH = new ThreadScratch<>(Scratch::new);

    /** Memory for one call's arguments and the captured error. */
    private static final class Scratch {
        final MemorySegment value;
        final MemorySegment length;
        final MemorySegment bytesReturned;
        final MemorySegment keepAliveValues;
        final MemorySegment capture;

        Scratch(Arena arena) {
            long valuesSize = tcp_keepalive.sizeof();
            MemorySegment memory = arena.allocate(3L * DWORD_SIZE + valuesSize + CAPTURE_LAYOUT.byteSize(), 8);
            value = memory.asSlice(0, DWORD_SIZE);
            length = memory.asSlice(DWORD_SIZE, DWORD_SIZE);
            bytesReturned = memory.asSlice(2L * DWORD_SIZE, DWORD_SIZE);
            keepAliveValues = memory.asSlice(3L * DWORD_SIZE, valuesSize);
            capture = memory.asSlice(3L * DWORD_SIZE + valuesSize, CAPTURE_LAYOUT.byteSize());
        }
    }

    /** Winsock must be started before the first call on a handle the JDK did not make; it counts starts. */
    private static void startup() {
        try (Arena arena = Arena.ofConfined()) {
            int result = ws2_32_h.WSAStartup(WINSOCK_2_2, WSAData.allocate(arena));
            if (result != 0) {
                throw new IllegalStateException("WSAStartup failed: " + WinsockErrors.NAMES.nameOf(result)
                        + " (" + result + "): " + WinsockErrors.describe(result));
            }
        }
    }

    private static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(address, descriptor,
                Linker.Option.captureCallState("WSAGetLastError"));
    }

    @Override
    public void setInt(long handle, OptionSpec spec, int newValue) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        try {
            MemorySegment value = scratch.value;
            MemorySegment capture = scratch.capture;
            value.set(JAVA_INT, 0, newValue);
            int result;
            try {
                result = (int) SETSOCKOPT.invokeExact(capture, handle, spec.level(), spec.option(), value, DWORD_SIZE);
            } catch (Throwable unexpected) {
                throw new IllegalStateException("setsockopt downcall failed", unexpected);
            }
            if (result != 0) {
                throw failure("setsockopt", spec.name(), capture);
            }
        } finally {
            SCRATCH.give(scratch);
        }
    }

    @Override
    public int getInt(long handle, OptionSpec spec) throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        try {
            MemorySegment value = scratch.value;
            MemorySegment length = scratch.length;
            MemorySegment capture = scratch.capture;
            // a zeroed DWORD, so that a provider writing fewer bytes still yields the right value
            value.set(JAVA_INT, 0, 0);
            length.set(JAVA_INT, 0, DWORD_SIZE);
            int result;
            try {
                result = (int) GETSOCKOPT.invokeExact(capture, handle, spec.level(), spec.option(), value, length);
            } catch (Throwable unexpected) {
                throw new IllegalStateException("getsockopt downcall failed", unexpected);
            }
            if (result != 0) {
                throw failure("getsockopt", spec.name(), capture);
            }
            return value.get(JAVA_INT, 0);
        } finally {
            SCRATCH.give(scratch);
        }
    }

    @Override
    public void keepAliveValues(long handle, boolean on, int idleMillis, int intervalMillis)
            throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        try {
            MemorySegment keepAliveValues = scratch.keepAliveValues;
            MemorySegment bytesReturned = scratch.bytesReturned;
            MemorySegment capture = scratch.capture;
            tcp_keepalive.onoff(keepAliveValues, on ? 1 : 0);
            tcp_keepalive.keepalivetime(keepAliveValues, idleMillis);
            tcp_keepalive.keepaliveinterval(keepAliveValues, intervalMillis);
            int result;
            try {
                result = (int) WSAIOCTL.invokeExact(capture, handle, SIO_KEEPALIVE_VALS(), keepAliveValues,
                        (int) keepAliveValues.byteSize(), MemorySegment.NULL, 0, bytesReturned, MemorySegment.NULL,
                        MemorySegment.NULL);
            } catch (Throwable unexpected) {
                throw new IllegalStateException("WSAIoctl downcall failed", unexpected);
            }
            if (result != 0) {
                throw failure("WSAIoctl", "SIO_KEEPALIVE_VALS", capture);
            }
        } finally {
            SCRATCH.give(scratch);
        }
    }

    @Override
    public long openProbeSocket() throws SocketOptionException {
        Scratch scratch = SCRATCH.take();
        try {
            MemorySegment capture = scratch.capture;
            long socket;
            try {
                socket = (long) SOCKET.invokeExact(capture, AF_INET(), SOCK_STREAM(), IPPROTO_TCP());
            } catch (Throwable unexpected) {
                throw new IllegalStateException("socket downcall failed", unexpected);
            }
            if (socket == INVALID_SOCKET()) {
                throw failure("socket", "SOCK_STREAM", capture);
            }
            return socket;
        } finally {
            SCRATCH.give(scratch);
        }
    }

    @Override
    public void closeProbeSocket(long handle) {
        ws2_32_h.closesocket(handle);
    }

    private static SocketOptionException failure(String operation, String option, MemorySegment capture) {
        return WinsockErrors.failure(operation, option, (int) LAST_ERROR.get(capture, 0L));
    }
}
