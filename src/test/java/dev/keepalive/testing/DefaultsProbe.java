package dev.keepalive.testing;

import dev.keepalive.EffectiveKeepAlive;
import dev.keepalive.SocketKeepAlive;
import dev.keepalive.SystemDefaults;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * Run in a JVM inside a network namespace of its own, whose keep-alive sysctls the test has changed: prints
 * the system defaults the library reads, a fresh socket's effective report, and what the JDK reads from that
 * socket, one line each.
 */
public final class DefaultsProbe {

    private DefaultsProbe() {
    }

    public static void main(String[] args) throws Exception {
        SystemDefaults defaults = SocketKeepAlive.systemDefaults();
        System.out.println("defaults=" + defaults.idle().value().orElseThrow().toSeconds() + "/"
                + defaults.interval().value().orElseThrow().toSeconds() + "/" + defaults.probes().value().orElseThrow()
                + " " + defaults.idle().source());
        try (SocketChannel channel = SocketChannel.open()) {
            EffectiveKeepAlive effective = SocketKeepAlive.of(channel).effective();
            System.out.println("effective=" + effective.idle().value().orElseThrow().toSeconds() + "/"
                    + effective.interval().value().orElseThrow().toSeconds() + "/"
                    + effective.probes().value().orElseThrow() + " " + effective.idle().source());
            System.out.println("jdk=" + channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                    + channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                    + channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
    }
}
