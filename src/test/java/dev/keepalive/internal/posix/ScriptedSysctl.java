package dev.keepalive.internal.posix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for {@code sysctlbyname}: it holds int values by name, fails for any other name the way
 * macOS does ({@code ENOENT}), and records every read.
 */
final class ScriptedSysctl implements Sysctl {

    private final Map<String, Integer> values = new HashMap<>();
    final List<String> reads = new ArrayList<>();

    ScriptedSysctl set(String name, int value) {
        values.put(name, value);
        return this;
    }

    /**
     * macOS's factory settings, as XNU initialises them (bsd/netinet/tcp_timer.c, xnu-11417.101.15): keepidle
     * 2 h and keepintvl 75 s, reported in milliseconds by sysctl_msec_to_ticks; keepcnt 8 (TCP_KEEPCNT_DEFAULT);
     * always_keepalive 0.
     */
    static ScriptedSysctl factorySettings() {
        return new ScriptedSysctl().set("net.inet.tcp.keepidle", 7_200_000).set("net.inet.tcp.keepintvl", 75_000)
                .set("net.inet.tcp.keepcnt", 8).set("net.inet.tcp.always_keepalive", 0);
    }

    /** A value as the kernel holds it, for the socket double; not a read. */
    int value(String name) {
        return values.getOrDefault(name, 0);
    }

    @Override
    public int readInt(String name) throws IOException {
        reads.add(name);
        Integer value = values.get(name);
        if (value == null) {
            throw new IOException("sysctlbyname(" + name + ") failed: ENOENT (2): No such file or directory");
        }
        return value;
    }
}
