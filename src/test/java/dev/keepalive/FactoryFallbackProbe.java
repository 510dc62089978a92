package dev.keepalive;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import jdk.net.ExtendedSocketOptions;

/**
 * Run in a JVM without {@code --add-opens}: makes two factories with a user timeout, which only the
 * descriptor reaches, connects through one, and prints what it applied and what the JDK reads back.
 */
final class FactoryFallbackProbe {

    private FactoryFallbackProbe() {
    }

    public static void main(String[] args) throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory("idle=17s,interval=4s,probes=5,userTimeout=9s");
        new KeepAliveSocketFactory("idle=17s,interval=4s,probes=5,userTimeout=9s");
        System.out.println("access=" + SocketKeepAlive.capabilities().socketAccess());
        System.out.println("settings=" + factory.settings().toSettingsString());
        System.out.println("applied=" + factory.appliedSettings().toSettingsString());
        System.out.println("factory=" + factory);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket socket = factory.createSocket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            System.out.println("jdk=" + socket.getOption(StandardSocketOptions.SO_KEEPALIVE) + "/"
                    + socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE) + "/"
                    + socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL) + "/"
                    + socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
    }
}
