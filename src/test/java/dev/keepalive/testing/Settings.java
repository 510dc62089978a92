package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import java.time.Duration;

/** Settings shared by the tests. */
public final class Settings {

    /**
     * Every field present and unlike any OS's default: idle 31 s, interval 7 s, 4 probes, user timeout 12.345 s
     * (whole seconds where an OS counts in seconds, so every OS holds them exactly, but the user timeout).
     */
    public static final KeepAlive WANTED = KeepAlive.builder().idle(Duration.ofSeconds(31))
            .interval(Duration.ofSeconds(7)).probes(4).userTimeout(Duration.ofMillis(12_345)).build();

    private Settings() {
    }
}
