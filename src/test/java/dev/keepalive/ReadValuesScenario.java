package dev.keepalive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * Run in a JVM inside a network namespace whose keep-alive sysctls lie above what {@code setsockopt} takes:
 * gives what the sockets report back to the library in every way a user would, and prints, one line per step,
 * {@code <step>: ok <what the JDK reads afterwards>} or {@code <step>: <exception>}.
 */
public final class ReadValuesScenario {

    private ReadValuesScenario() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            SocketKeepAlive view = SocketKeepAlive.of(client);
            SocketKeepAlive listener = SocketKeepAlive.of(server);
            System.out.println("current: " + view.current());
            step("apply(current())", client, () -> view.apply(view.current()));
            step("apply(current().toBuilder().probes(4))", client,
                    () -> view.apply(view.current().toBuilder().probes(4).build()));
            step("copy(listener, accepted)", accepted,
                    () -> AcceptedSockets.copy(listener, SocketKeepAlive.of(accepted)));
            listener.setInterval(Duration.ofSeconds(9));
            try (SocketChannel second = SocketChannel.open(server.getLocalAddress());
                 SocketChannel copied = AcceptedSockets.accept(server, false)) {
                step("accept with the copy", copied, () -> SocketKeepAlive.of(copied).current());
            }
            step("apply(idle 40000 s made by the user)", client,
                    () -> view.apply(KeepAlive.builder().idle(Duration.ofSeconds(40_000)).build()));
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void step(String name, NetworkChannel channel, Step step) throws Exception {
        String outcome;
        try {
            step.run();
            outcome = "ok";
        } catch (Exception e) {
            outcome = e.toString();
        }
        System.out.println(name + ": " + outcome + " jdk=" + channel.getOption(StandardSocketOptions.SO_KEEPALIVE)
                + "/" + channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                + channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                + channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
    }
}
