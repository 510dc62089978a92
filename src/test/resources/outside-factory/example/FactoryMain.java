package example;

import dev.keepalive.KeepAliveSocketFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/** A program outside the library: connects through the socket factory and reads the values back from the JDK. */
public final class FactoryMain {
    public static void main(String[] args) throws Exception {
        try {
            new KeepAliveSocketFactory("idle=banana");
            System.out.println("bad settings accepted");
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
        }
        SocketFactory factory = new KeepAliveSocketFactory("idle=17s,interval=4s,probes=5");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket socket = factory.createSocket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            boolean keepAlive = socket.getOption(StandardSocketOptions.SO_KEEPALIVE);
            int idle = socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE);
            int interval = socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL);
            int count = socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT);
            System.out.println("read back: keepAlive=" + keepAlive + " idle=" + idle + "s interval=" + interval
                    + "s probes=" + count);
            boolean held = keepAlive && idle == 17 && interval == 4 && count == 5;
            System.out.println("kernel holds the values: " + held);
            System.exit(held ? 0 : 1);
        }
    }
}
