package dev.keepalive.agent.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an advice parameter that receives a constant method handle to one of the hook's methods in
 * {@code java.base}; the agent binds each when it weaves the advice. Through a constant, the woven JDK code
 * names no class outside {@code java.base}, and the JIT compiles the call as a direct one.
 */
public final class Hook {

    private Hook() {
    }

    /** {@code connected(Object)void}: a socket connected. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Connected {
    }

    /** {@code accepted(Object)void}: a socket was accepted. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Accepted {
    }

    /** {@code kept(Object, Object, Object)Object}: the value to set for a keep-alive option. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Kept {
    }
}
