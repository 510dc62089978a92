package dev.keepalive.agent;

import dev.keepalive.agent.hook.ConnectionHook;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.function.ObjIntConsumer;
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
     * Defines the hook in {@code java.base}, or finds it there if an attempt to start the agent in this JVM
     * defined it before.
     *
     * @return the hook
     * @throws IOException if the template's class file cannot be read
     * @throws ReflectiveOperationException if {@code sun.nio.ch} is not open to the agent or the class cannot
     *     be defined
     */
    static JdkHook define() throws IOException, ReflectiveOperationException {
        try {
            return new JdkHook(Class.forName(NAME, false, null));
        } catch (ClassNotFoundException first) {
            // the usual case: this is the first start of the agent in this JVM
        }
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
     * The hook's method asked when a keep-alive option is set: {@code kept(Object, Object, Object)}.
     *
     * @return the method
     * @throws NoSuchMethodException never for a hook made from the template
     */
    Method kept() throws NoSuchMethodException {
        return type.getMethod("kept", Object.class, Object.class, Object.class);
    }

    /**
     * Gives the hook the agent's callbacks.
     *
     * @param connections the connection callback
     * @param keeper {@code (Object socket, Object option, Object value)Object}: the value to set
     * @throws ReflectiveOperationException if the hook cannot be called
     */
    void install(ObjIntConsumer<Object> connections, MethodHandle keeper) throws ReflectiveOperationException {
        type.getMethod("install", ObjIntConsumer.class, MethodHandle.class).invoke(null, connections, keeper);
    }
}
