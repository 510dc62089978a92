package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.Loopback;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar loaded by two class loaders that share nothing but the JDK, in one JVM, as an application
 * server does with two applications that each bundle it, or a plugin host after a redeploy: each copy reaches
 * the OS on its own. A native library loaded with {@code System.loadLibrary} belongs to one class loader, and a
 * second one that loads it fails; this library loads none (see {@link NoLibraryLoadingTest}). Runs on every OS.
 */
class TwoClassLoadersIT {

    private static final Path JAR = Path.of(System.getProperty("keepalive.jar", "target/socket-keepalive.jar"));

    @Test
    void twoIsolatedCopiesOfTheLibraryEachSetOptions() throws Exception {
        try (URLClassLoader first = isolated(); URLClassLoader second = isolated()) {
            Class<?> one = first.loadClass(SocketKeepAlive.class.getName());
            Class<?> two = second.loadClass(SocketKeepAlive.class.getName());
            assertThat(one).isNotSameAs(two).isNotSameAs(SocketKeepAlive.class);
            assertThat(one.getClassLoader()).isSameAs(first);
            assertThat(two.getClassLoader()).isSameAs(second);

            useAndCheck(one, 31);
            useAndCheck(two, 32);
            useAndCheck(one, 33);
        }
        try (URLClassLoader afterRedeploy = isolated()) {
            useAndCheck(afterRedeploy.loadClass(SocketKeepAlive.class.getName()), 34);
        }
    }

    private static URLClassLoader isolated() throws Exception {
        return new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** Sets options through one copy of the library and reads them back through the JDK. */
    private static void useAndCheck(Class<?> api, int seconds) throws Exception {
        Object capabilities = api.getMethod("capabilities").invoke(null);
        assertThat(capabilities.toString()).contains("SO_KEEPALIVE");
        assertThat(api.getMethod("systemDefaults").invoke(null)).isNotNull();
        try (Loopback loopback = Loopback.open("127.0.0.1")) {
            SocketChannel client = loopback.client;
            Object view = api.getMethod("of", SocketChannel.class).invoke(null, client);
            assertThat(call(api, view, "access")).isEqualTo("native handle");
            api.getMethod("setEnabled", boolean.class).invoke(view, true);
            api.getMethod("setIdle", Duration.class).invoke(view, Duration.ofSeconds(seconds));
            assertThat(client.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            if (client.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(seconds);
            }

            Object raw = api.getMethod("ofHandle", long.class).invoke(null, (long) Descriptors.of(loopback.accepted));
            api.getMethod("setEnabled", boolean.class).invoke(raw, true);
            assertThat(loopback.accepted.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
        }
    }

    private static Object call(Class<?> api, Object target, String name) throws Exception {
        Method method = api.getMethod(name);
        return method.invoke(target);
    }
}
