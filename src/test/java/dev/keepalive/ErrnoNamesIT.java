package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keepalive.internal.posix.gen.posix_h;
import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.Preconditions;
import dev.keepalive.testing.Tools;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code errno} name the Linux backend reports ({@link SocketOptionException#errorName()}) is the C
 * library's own name for that number. The oracle is the system's {@code <errno.h>}, read at test time through the
 * C preprocessor ({@code gcc -dM -E}), independent of the generated bindings the library takes its numbers from.
 * Real failures are checked through the public API; the names no test can provoke on a loopback socket
 * ({@code ENOMEM}, {@code ENOBUFS} ...) through the library's table, reached in {@link #libraryTable()} only.
 */
@EnabledOnOs(OS.LINUX)
class ErrnoNamesIT {

    /** Linux's errno values are small; 4095 is the kernel's {@code MAX_ERRNO}. */
    private static final int MAX_ERRNO = 4095;
    private static final Pattern DEFINE = Pattern.compile("^#define (E[A-Z0-9]+) (\\w+)$", Pattern.MULTILINE);

    private static Map<String, Integer> headers;

    @TempDir
    Path temp;

    @BeforeAll
    static void readTheCHeaders() throws Exception {
        Optional<String> gcc = Tools.find("gcc");
        Preconditions.require(gcc.isPresent(), "gcc is not installed: it reads <errno.h>, the oracle of this test");
        Path source = Files.createTempFile("errno", ".c");
        try {
            Files.writeString(source, "#include <errno.h>\n");
            Jvm.Result result = Jvm.exec(List.of(gcc.orElseThrow(), "-dM", "-E", source.toString()),
                    Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.output()).isZero();
            headers = errnoValues(result.output());
        } finally {
            Files.deleteIfExists(source);
        }
        assertThat(headers).as("errno values in <errno.h>").containsEntry("EBADF", 9).hasSizeGreaterThan(100);
    }

    /** The {@code E...} macros with their values, aliases ({@code EWOULDBLOCK EAGAIN}) resolved. */
    private static Map<String, Integer> errnoValues(String macros) {
        Map<String, String> raw = new HashMap<>();
        Matcher define = DEFINE.matcher(macros);
        while (define.find()) {
            raw.put(define.group(1), define.group(2));
        }
        Map<String, Integer> values = new HashMap<>();
        for (String name : raw.keySet()) {
            String value = raw.get(name);
            for (int hops = 0; hops < 5 && raw.containsKey(value); hops++) {
                value = raw.get(value);
            }
            if (value.matches("\\d+")) {
                values.put(name, Integer.parseInt(value));
            }
        }
        return values;
    }

    @Test
    void everyNameInTheLibrarysTableIsTheHeadersNameForItsNumber() throws Exception {
        Object table = libraryTable();
        Method nameOf = table.getClass().getMethod("nameOf", int.class);
        Field names = table.getClass().getDeclaredField("names");
        names.setAccessible(true);
        int size = ((java.util.Map<?, ?>) names.get(table)).size();
        int named = 0;
        for (int code = 0; code <= MAX_ERRNO; code++) {
            String name = (String) nameOf.invoke(table, code);
            if (name.equals("UNKNOWN")) {
                continue;
            }
            named++;
            assertThat(headers.get(name)).as("<errno.h>'s value of %s, which the library gives to %d", name, code)
                    .isEqualTo(code);
        }
        assertThat(named).as("codes named, against the table's size").isEqualTo(size).isPositive();
    }

    @Test
    void realFailuresCarryTheHeadersNameForTheirCode() throws Exception {
        int closed = Descriptors.socket(posix_h.AF_INET(), posix_h.SOCK_STREAM());
        Descriptors.close(closed);
        assertNamedByHeaders(() -> SocketKeepAlive.ofHandle(closed).setEnabled(true), "EBADF");
        try (FileChannel file = FileChannel.open(Files.createFile(temp.resolve("file")))) {
            assertNamedByHeaders(() -> SocketKeepAlive.ofHandle(Descriptors.of(file)).isEnabled(), "ENOTSOCK");
        }
        try (DatagramChannel udp = DatagramChannel.open()) {
            assertNamedByHeaders(() -> SocketKeepAlive.ofHandle(Descriptors.of(udp)).setProbes(3), "ENOPROTOOPT");
        }
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(temp.resolve("s.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address)) {
            assertNamedByHeaders(() -> SocketKeepAlive.of(client).setIdle(Duration.ofSeconds(5)), "EOPNOTSUPP");
        }
    }

    private static void assertNamedByHeaders(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            String expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SocketOptionException.class, e -> {
            assertThat(e.errorName()).isEqualTo(expected);
            assertThat(headers.get(e.errorName())).as("<errno.h>'s value of " + e.errorName())
                    .isEqualTo(e.errorCode());
        });
    }

    /**
     * The Linux backend's table of {@code errno} names. The one place in the tests outside the internal packages
     * that names it: should it move, this method is all that changes.
     */
    private static Object libraryTable() throws ReflectiveOperationException {
        Field errors = Class.forName("dev.keepalive.internal.posix.LinuxOptions").getDeclaredField("ERRORS");
        errors.setAccessible(true);
        return errors.get(null);
    }
}
