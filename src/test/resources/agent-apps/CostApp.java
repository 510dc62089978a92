import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A program for timing the agent, compiled with the JDK alone. {@code main}: prints {@code main <nanoTime>} first
 * thing, for the time from the JVM's launch to {@code main}. {@code connect <count>}: connects to a server of its
 * own on 127.0.0.1 with plain sockets, then with socket channels, each connection closed at once, and prints the
 * first connection's time and the median of the rest, in ns.
 */
public class CostApp {

    public static void main(String[] args) throws Exception {
        long atMain = System.nanoTime();
        if (args[0].equals("main")) {
            System.out.println("main " + atMain);
            return;
        }
        int count = Integer.parseInt(args[1]);
        try (ServerSocket server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> acceptAll(server), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
            long[] sockets = new long[count];
            long[] channels = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Socket socket = new Socket(address.getAddress(), address.getPort());
                sockets[i] = System.nanoTime() - start;
                socket.close();
            }
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                SocketChannel channel = SocketChannel.open(address);
                channels[i] = System.nanoTime() - start;
                channel.close();
            }
            System.out.println("socket first=" + sockets[0] + " median=" + median(sockets));
            System.out.println("channel first=" + channels[0] + " median=" + median(channels));
        }
    }

    /** The median of all but the first, which pays for loading the classes. */
    private static long median(long[] times) {
        long[] rest = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(rest);
        return rest[rest.length / 2];
    }

    private static void acceptAll(ServerSocket server) {
        while (true) {
            try {
                server.accept().close();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
