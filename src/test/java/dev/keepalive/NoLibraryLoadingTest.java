package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.ClassFileCalls;
import dev.keepalive.testing.LoadsALibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The library never loads a native library with {@code System.loadLibrary}/{@code System.load} (or their
 * {@code Runtime} twins): the JDK ties such a library to one class loader, so a second class loader that loads
 * the library's classes (an application server's second application, a plugin, a redeploy) could not load it
 * again. Native functions are found through FFM's symbol lookups instead. Checked on the compiled classes.
 */
class NoLibraryLoadingTest {

    private static final Set<String> FORBIDDEN = Set.of("java/lang/System.loadLibrary", "java/lang/System.load",
            "java/lang/Runtime.loadLibrary", "java/lang/Runtime.load", "\"loadLibrary\"");

    @Test
    void noMainClassLoadsANativeLibrary() throws IOException {
        List<Path> classes = ClassFileCalls.classFiles(Path.of("target", "classes"));
        assertThat(classes).as("the compiled library").hasSizeGreaterThan(20);
        assertThat(forbiddenCalls(classes)).isEmpty();
    }

    @Test
    void theScanFindsSuchCalls() throws IOException {
        Path fixture = Path.of("target", "test-classes",
                LoadsALibrary.class.getName().replace('.', '/') + ".class");
        assertThat(forbiddenCalls(List.of(fixture))).containsExactlyInAnyOrder(
                fixture + ": java/lang/System.loadLibrary", fixture + ": java/lang/Runtime.load");
    }

    private static List<String> forbiddenCalls(List<Path> classes) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : classes) {
            for (String reference : ClassFileCalls.references(file)) {
                if (FORBIDDEN.contains(reference)) {
                    found.add(file + ": " + reference);
                }
            }
        }
        return found;
    }
}
