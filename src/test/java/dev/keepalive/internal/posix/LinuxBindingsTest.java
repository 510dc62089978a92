package dev.keepalive.internal.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.posix.gen.posix_h;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The generated glibc bindings against the Linux kernel's ABI numbers (the same on every architecture). */
@EnabledOnOs(OS.LINUX)
class LinuxBindingsTest {

    @Test
    void optionNumbersMatchTheKernelAbi() {
        assertThat(posix_h.SOL_SOCKET()).isEqualTo(1);
        assertThat(posix_h.SO_KEEPALIVE()).isEqualTo(9);
        assertThat(posix_h.IPPROTO_TCP()).isEqualTo(6);
        assertThat(posix_h.TCP_KEEPIDLE()).isEqualTo(4);
        assertThat(posix_h.TCP_KEEPINTVL()).isEqualTo(5);
        assertThat(posix_h.TCP_KEEPCNT()).isEqualTo(6);
        assertThat(posix_h.TCP_USER_TIMEOUT()).isEqualTo(18);
        assertThat(posix_h.AF_INET()).isEqualTo(2);
        assertThat(posix_h.AF_INET6()).isEqualTo(10);
        assertThat(posix_h.SOCK_STREAM()).isEqualTo(1);
        assertThat(posix_h.SOCK_DGRAM()).isEqualTo(2);
    }

    @Test
    void errnoNamesMatchTheKernelAbi() {
        ErrorNames names = LinuxOptions.ERRORS;
        assertThat(names.nameOf(9)).isEqualTo("EBADF");
        assertThat(names.nameOf(22)).isEqualTo("EINVAL");
        assertThat(names.nameOf(88)).isEqualTo("ENOTSOCK");
        assertThat(names.nameOf(92)).isEqualTo("ENOPROTOOPT");
        assertThat(names.nameOf(95)).isEqualTo("EOPNOTSUPP");
        assertThat(names.nameOf(11)).isEqualTo("EAGAIN");
        assertThat(names.nameOf(4242)).isEqualTo("UNKNOWN");
        // every code the table names has its own name: no two constants collapsed into one
        int[] codes = {1, 4, 9, 11, 12, 13, 14, 22, 23, 24, 33, 34, 88, 92, 93, 95, 97, 105, 107, 104, 110};
        assertThat(java.util.Arrays.stream(codes).mapToObj(names::nameOf)).doesNotContain("UNKNOWN")
                .doesNotHaveDuplicates();
    }

    @Test
    void theCLibraryDescribesErrors() {
        assertThat(PosixCalls.describe(88)).isEqualTo("Socket operation on non-socket");
        assertThat(PosixCalls.describe(9)).isEqualTo("Bad file descriptor");
    }
}
