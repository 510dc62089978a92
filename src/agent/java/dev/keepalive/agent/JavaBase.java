package dev.keepalive.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The one change the agent makes to {@code java.base}'s module: through {@link Instrumentation#redefineModule},
 * it opens {@code sun.nio.ch} and {@code java.net} to the module of the library's classes, so the library
 * reaches each socket's descriptor (and so the user timeout) without {@code --add-opens}, and to the agent's
 * module, so it can define its hook in {@code sun.nio.ch} ({@link JdkHook}). From the agent jar on the class
 * path, both are the application class loader's unnamed module: the packages are opened to all code on the
 * class path, as {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} would, and to no named module (unless
 * the application has the library itself on the module path: then to that module).
 */
final class JavaBase {

    private JavaBase() {
    }

    /**
     * Opens the packages.
     *
     * @param instrumentation the agent's instrumentation
     * @param library the module of the library's classes
     * @param agent the agent's module
     */
    static void open(Instrumentation instrumentation, Module library, Module agent) {
        Module javaBase = Object.class.getModule();
        Set<Module> targets = Set.copyOf(java.util.List.of(library, agent));
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("sun.nio.ch", targets, "java.net", targets), Set.of(), Map.of());
    }
}
