package dev.keepalive.agent;

import dev.keepalive.agent.hook.ConnectionHook;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * The hook the woven JDK code calls, defined inside {@code java.base}: a copy of {@link ConnectionHook}'s class
 * file, renamed {@code sun.nio.ch.KeepAliveAgentHook} and defined with {@link MethodHandles.Lookup#defineClass}
 * in that package, which {@link JavaBase} opened to the agent. The woven code reaches its methods through
 * constant method handles, so it names no class outside {@code java.base}: no bootstrap class path is
 * appended (which would also turn off class data sharing for the application's classes) and no read edge is
 * added. {@code sun.nio.ch} is not exported, so applications do not see the class.
 *
 * @param type the hook class, as {@code java.base} holds it
 */
record JdkHook(Class<?> type) {

    /** The name of the hook in {@code java.base}. */
    static final String NAME = "sun.nio.ch.KeepAliveAgentHook";
    private static final String TEMPLATE = ConnectionHook.class.getName().replace('.', '/');

    /**
     * Defines the hook in {@code java.base}.
     *
     * @return the hook
     * @throws IOException if the template's class file cannot be read
     * @throws ReflectiveOperationException if {@code sun.nio.ch} is not open to the agent or the class cannot
     *     be defined
     */
    static JdkHook define() throws IOException, ReflectiveOperationException {
        byte[] template;
        try (InputStream in = JdkHook.class.getClassLoader().getResourceAsStream(TEMPLATE + ".class")) {
            if (in == null) {
                throw new IOException(TEMPLATE + ".class is missing from the agent jar");
            }
            template = in.readAllBytes();
        }
        ClassWriter renamed = new ClassWriter(0);
        new ClassReader(template).accept(new ClassRemapper(renamed,
                new SimpleRemapper(Opcodes.ASM9, TEMPLATE, NAME.replace('.', '/'))), 0);
        Class<?> anchor = Class.forName("sun.nio.ch.Net", false, null);
        MethodHandles.Lookup inPackage = MethodHandles.privateLookupIn(anchor, MethodHandles.lookup());
        return new JdkHook(inPackage.defineClass(renamed.toByteArray()));
    }

    /**
     * The hook's method for connections that connected: {@code connected(Object)}.
     *
     * @return the method
     * @throws NoSuchMethodException never for a hook made from the template
     */
    Method connected() throws NoSuchMethodException {
        return type.getMethod("connected", Object.class);
    }

    /**
     * The hook's method for accepted connections: {@code accepted(Object)}.
     *
     * @return the method
     * @throws NoSuchMethodException never for a hook made from the template
     */
    Method accepted() throws NoSuchMethodException {
        return type.getMethod("accepted", Object.class);
    }

    /**
     * The hook's method asked when keep-alive is turned off: {@code keepOn(Object)}.
     *
     * @return the method
     * @throws NoSuchMethodException never for a hook made from the template
     */
    Method keepOn() throws NoSuchMethodException {
        return type.getMethod("keepOn", Object.class);
    }

    /**
     * Gives the hook the agent's callbacks.
     *
     * @param connections the connection callback
     * @param guard the keep-alive guard
     * @throws ReflectiveOperationException if the hook cannot be called
     */
    void install(ObjIntConsumer<Object> connections, Predicate<Object> guard) throws ReflectiveOperationException {
        type.getMethod("install", ObjIntConsumer.class, Predicate.class).invoke(null, connections, guard);
    }
}
