package dev.keepalive.testing;

import dev.keepalive.Capabilities;
import dev.keepalive.KeepAlive;
import dev.keepalive.SocketKeepAlive;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * Run in a JVM that denies native access to the library: prints, one line per check, what still works and what
 * the user is told. Uses only the public API and the JDK (the library may sit on the module path), and reads
 * every value back through the JDK's own options.
 */
public final class DeniedNativeAccessProbe {

    private DeniedNativeAccessProbe() {
    }

    public static void main(String[] args) throws Exception {
        Capabilities capabilities = SocketKeepAlive.capabilities();
        System.out.println("capabilities.access=" + capabilities.socketAccess());
        System.out.println("capabilities.notes=" + String.join(" | ", capabilities.notes()));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive channel = SocketKeepAlive.of(client);
            System.out.println("channel.access=" + channel.access());
            for (int round = 1; round <= 2; round++) {
                KeepAlive applied = channel.apply(KeepAlive.builder().idle(Duration.ofSeconds(20 + round))
                        .interval(Duration.ofSeconds(5 + round)).probes(2 + round).build());
                System.out.println("channel.apply" + round + "=" + applied);
                System.out.println("channel.jdk" + round + "=" + client.getOption(StandardSocketOptions.SO_KEEPALIVE)
                        + "/" + client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)
                        + "/" + client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)
                        + "/" + client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            }
            SocketKeepAlive.of(accepted.socket()).setProbes(7);
            System.out.println("socket.jdk=" + accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));

            int fd = descriptor(accepted);
            for (int round = 1; round <= 2; round++) {
                try {
                    SocketKeepAlive.ofHandle(fd).setEnabled(true);
                    System.out.println("handle" + round + "=set");
                } catch (Exception e) {
                    System.out.println("handle" + round + "=" + e.getClass().getName() + ": " + e.getMessage());
                }
            }
            System.out.println("handle.enabled=" + accepted.getOption(StandardSocketOptions.SO_KEEPALIVE));
        }
        System.out.println("systemDefaults.idle=" + SocketKeepAlive.systemDefaults().idle());
    }

    /** The channel's descriptor, read by reflection; the child is started with {@code sun.nio.ch} opened. */
    private static int descriptor(SocketChannel channel) throws ReflectiveOperationException {
        Field fdVal = channel.getClass().getDeclaredField("fdVal");
        fdVal.setAccessible(true);
        return fdVal.getInt(channel);
    }
}
