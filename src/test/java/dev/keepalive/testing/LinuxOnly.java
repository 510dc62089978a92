package dev.keepalive.testing;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips jqwik properties that use Linux's sockets elsewhere: jqwik's counterpart of Jupiter's {@code @EnabledOnOs}. */
public final class LinuxOnly implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return System.getProperty("os.name").startsWith("Linux") ? SkipResult.doNotSkip()
                : SkipResult.skip("needs Linux, runs on " + System.getProperty("os.name"));
    }
}
