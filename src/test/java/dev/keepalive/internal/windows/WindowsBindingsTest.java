package dev.keepalive.internal.windows;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.windows.gen.WSAData;
import dev.keepalive.internal.windows.gen.advapi32_h;
import dev.keepalive.internal.windows.gen.registry_h;
import dev.keepalive.internal.windows.gen.tcp_keepalive;
import dev.keepalive.internal.windows.gen.winsock_h;
import dev.keepalive.internal.windows.gen.ws2_32_h;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The generated Winsock bindings against the values Microsoft documents for Windows x64. The constants and
 * layouts ({@code winsock_h}, {@code registry_h}) load on any OS because they name no library; the functions
 * ({@code ws2_32_h}, {@code advapi32_h}) open their DLL when first used, which needs Windows.
 */
class WindowsBindingsTest {

    @Test
    void constantsMatchMicrosoftsDocumentation() {
        assertThat(winsock_h.SOL_SOCKET()).isEqualTo(0xffff);
        assertThat(winsock_h.SO_KEEPALIVE()).isEqualTo(0x0008);
        assertThat(winsock_h.IPPROTO_TCP()).isEqualTo(6);
        assertThat(winsock_h.TCP_KEEPALIVE()).isEqualTo(3);
        assertThat(winsock_h.TCP_MAXRT()).isEqualTo(5);
        assertThat(winsock_h.TCP_KEEPCNT()).isEqualTo(16);
        assertThat(winsock_h.TCP_KEEPINTVL()).isEqualTo(17);
        assertThat(winsock_h.SIO_KEEPALIVE_VALS()).isEqualTo(0x98000004);
        assertThat(winsock_h.INVALID_SOCKET()).isEqualTo(-1L);
        assertThat(winsock_h.SOCKET_ERROR()).isEqualTo(-1);
        assertThat(winsock_h.AF_INET()).isEqualTo(2);
        assertThat(winsock_h.AF_INET6()).isEqualTo(23);
        assertThat(winsock_h.SOCK_STREAM()).isEqualTo(1);
        assertThat(winsock_h.SOCK_DGRAM()).isEqualTo(2);
    }

    @Test
    void errorCodesMatchMicrosoftsDocumentation() {
        assertThat(winsock_h.WSANOTINITIALISED()).isEqualTo(10093);
        assertThat(winsock_h.WSAENETDOWN()).isEqualTo(10050);
        assertThat(winsock_h.WSAEFAULT()).isEqualTo(10014);
        assertThat(winsock_h.WSAEINPROGRESS()).isEqualTo(10036);
        assertThat(winsock_h.WSAEINVAL()).isEqualTo(10022);
        assertThat(winsock_h.WSAENOPROTOOPT()).isEqualTo(10042);
        assertThat(winsock_h.WSAENOTSOCK()).isEqualTo(10038);
    }

    @Test
    void everyContractErrorHasANameAndADescription() {
        int[] codes = {10093, 10050, 10014, 10036, 10022, 10042, 10038};
        String[] names = {"WSANOTINITIALISED", "WSAENETDOWN", "WSAEFAULT", "WSAEINPROGRESS", "WSAEINVAL",
            "WSAENOPROTOOPT", "WSAENOTSOCK"};
        for (int i = 0; i < codes.length; i++) {
            assertThat(WinsockErrors.NAMES.nameOf(codes[i])).isEqualTo(names[i]);
            assertThat(WinsockErrors.describe(codes[i])).doesNotStartWith("Winsock error");
        }
        assertThat(WinsockErrors.NAMES.nameOf(12345)).isEqualTo("UNKNOWN");
    }

    @Test
    void registryConstantsMatchMicrosoftsDocumentation() {
        // HKEY_LOCAL_MACHINE is (HKEY)(ULONG_PTR)(LONG)0x80000002: sign-extended to 64 bits
        assertThat(registry_h.HKEY_LOCAL_MACHINE().address()).isEqualTo(0xFFFF_FFFF_8000_0002L);
        assertThat(registry_h.RRF_RT_REG_DWORD()).isEqualTo(0x10);
        assertThat(registry_h.ERROR_SUCCESS()).isZero();
        assertThat(registry_h.ERROR_FILE_NOT_FOUND()).isEqualTo(2);
        assertThat(registry_h.ERROR_UNSUPPORTED_TYPE()).isEqualTo(1630);
        assertThat(registry_h.DWORD.byteSize()).isEqualTo(4);
    }

    @Test
    void layoutsHaveTheirX64Sizes() {
        assertThat(tcp_keepalive.sizeof()).isEqualTo(12);
        assertThat(tcp_keepalive.onoff$offset()).isEqualTo(0);
        assertThat(tcp_keepalive.keepalivetime$offset()).isEqualTo(4);
        assertThat(tcp_keepalive.keepaliveinterval$offset()).isEqualTo(8);
        assertThat(WSAData.sizeof()).isEqualTo(408);
        assertThat(winsock_h.SOCKET.byteSize()).isEqualTo(8);
        assertThat(winsock_h.DWORD.byteSize()).isEqualTo(4);
        assertThat(winsock_h.C_LONG.byteSize()).as("C long is 32 bits on Windows").isEqualTo(4);
    }

    /** A function's descriptor comes with its address, which only Windows can resolve. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void functionDescriptorsUseAPointerSizedSocketAndDwordValues() {
        assertThat(strip(ws2_32_h.setsockopt$descriptor()))
                .isEqualTo(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        assertThat(strip(ws2_32_h.getsockopt$descriptor()))
                .isEqualTo(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        assertThat(strip(ws2_32_h.WSAIoctl$descriptor())).isEqualTo(FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        assertThat(strip(ws2_32_h.socket$descriptor()))
                .isEqualTo(FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        // LONG RegGetValueW(HKEY, LPCWSTR, LPCWSTR, DWORD, LPDWORD, PVOID, LPDWORD)
        assertThat(strip(advapi32_h.RegGetValueW$descriptor())).isEqualTo(FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }

    /** The descriptor with layout names and pointer target layouts removed, for comparison. */
    private static FunctionDescriptor strip(FunctionDescriptor descriptor) {
        MemoryLayout[] arguments = descriptor.argumentLayouts().stream().map(WindowsBindingsTest::plain)
                .toArray(MemoryLayout[]::new);
        return FunctionDescriptor.of(plain(descriptor.returnLayout().orElseThrow()), arguments);
    }

    private static MemoryLayout plain(MemoryLayout layout) {
        if (layout instanceof java.lang.foreign.AddressLayout) {
            return ADDRESS;
        }
        return layout.withoutName();
    }
}
