package dev.keepalive.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer that goes silent, for any client command: run it inside a {@link PrivateNetwork}. It listens on
 * 127.0.0.1, starts the command with {@code {port}} in its arguments replaced by the port, accepts the command's
 * connection, waits, then drops every segment of the connection with {@link Firewall#dropPort(int)} (no FIN, no
 * RST), and relays the command's output, each line prefixed with the time since the drop,
 * {@code [+4051ms] ...}. It ends with the line {@code exit=<code>} and exits with the command's code.
 *
 * <p>Arguments: {@code [--drop-after-ms N] [--limit-ms N] -- command...}; the drop comes N ms (default 500)
 * after the connection is accepted, and the command is killed if it runs longer than the limit (default
 * 30000 ms) after the drop.
 *
 * {@snippet :
 * PrivateNetwork.requireFirewall();
 * Jvm.Result result = PrivateNetwork.runJava(SilentPeer.class.getName(),
 *         SilentPeer.arguments(Jvm.java("dev.keepalive.cli.Main", List.of("watch", "127.0.0.1:{port}"))),
 *         Duration.ofSeconds(60));
 * // result.output(): the command's lines, each with its time after the drop, then exit=<code>
 * }
 */
public final class SilentPeer {

    /** Replaced by the peer's port in the command's arguments. */
    public static final String PORT = "{port}";

    private SilentPeer() {
    }

    /** The arguments that make a silent peer for this command, with the default timing. */
    public static List<String> arguments(List<String> command) {
        List<String> arguments = new ArrayList<>(List.of("--"));
        arguments.addAll(command);
        return arguments;
    }

    public static void main(String[] args) throws Exception {
        long dropAfter = 500;
        long limit = 30_000;
        int at = 0;
        for (; at < args.length && !args[at].equals("--"); at += 2) {
            switch (args[at]) {
                case "--drop-after-ms" -> dropAfter = Long.parseLong(args[at + 1]);
                case "--limit-ms" -> limit = Long.parseLong(args[at + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[at]);
            }
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            String port = Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort());
            List<String> command = new ArrayList<>();
            for (int i = at + 1; i < args.length; i++) {
                command.add(args[i].replace(PORT, port));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            long[] dropped = {Long.MAX_VALUE};
            Thread relay = relay(process, dropped);
            try (SocketChannel connection = server.accept()) {
                Thread.sleep(dropAfter);
                Firewall.dropPort(Integer.parseInt(port));
                synchronized (dropped) {
                    dropped[0] = System.nanoTime();
                }
                System.out.println("[+0ms] silent-peer: dropping every segment to and from port " + port);
                if (!process.waitFor(limit, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    System.out.println("silent-peer: the command ran longer than " + limit + " ms after the drop");
                }
                relay.join(5_000);
                System.out.println("exit=" + process.waitFor());
                System.exit(process.exitValue());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** Copies the command's output, each line with the time since the drop (or {@code [before]}). */
    private static Thread relay(Process process, long[] dropped) {
        Thread relay = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    long since;
                    synchronized (dropped) {
                        since = dropped[0];
                    }
                    String when = since == Long.MAX_VALUE ? "[before]"
                            : "[+" + (System.nanoTime() - since) / 1_000_000 + "ms]";
                    System.out.println(when + " " + line);
                }
            } catch (java.io.IOException e) {
                System.out.println("silent-peer: lost the command's output: " + e);
            }
        });
        relay.setDaemon(true);
        relay.start();
        return relay;
    }
}
