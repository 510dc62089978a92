package dev.keepalive.testing;

import dev.keepalive.internal.Platform;
import dev.keepalive.internal.Platform.Os;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips jqwik properties that use Linux's sockets elsewhere: jqwik's counterpart of Jupiter's {@code @EnabledOnOs}. */
public final class LinuxOnly implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return Platform.os() == Os.LINUX ? SkipResult.doNotSkip()
                : SkipResult.skip("needs Linux, runs on " + System.getProperty("os.name"));
    }
}
