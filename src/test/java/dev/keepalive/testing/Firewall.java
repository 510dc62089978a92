package dev.keepalive.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Packet filtering inside the current network namespace, with nftables ({@code nft}) or, where it is absent,
 * iptables. Meant to run inside a {@link PrivateNetwork}: the rules vanish with the namespace.
 */
public final class Firewall {

    private Firewall() {
    }

    /** The firewall tool found: {@code nft}, else {@code iptables}, else empty. */
    public static Optional<String> tool() {
        return Tools.find("nft").or(() -> Tools.find("iptables"));
    }

    /**
     * Silently drops every TCP segment to or from a port, as a peer that lost power or a cut cable would:
     * no FIN, no RST, nothing comes back. The rule sits on the input hook, so senders see no local error.
     *
     * @throws IllegalStateException if no tool is found or the tool fails
     */
    public static void dropPort(int port) throws IOException, InterruptedException {
        String tool = tool().orElseThrow(() -> new IllegalStateException("neither nft nor iptables is installed"));
        if (tool.endsWith("nft")) {
            run(List.of(tool, "add table inet silent_peer; add chain inet silent_peer input"
                    + " { type filter hook input priority 0; policy accept; };"
                    + " add rule inet silent_peer input tcp dport " + port + " drop;"
                    + " add rule inet silent_peer input tcp sport " + port + " drop"));
        } else {
            run(List.of(tool, "-I", "INPUT", "-p", "tcp", "--dport", Integer.toString(port), "-j", "DROP"));
            run(List.of(tool, "-I", "INPUT", "-p", "tcp", "--sport", Integer.toString(port), "-j", "DROP"));
        }
    }

    /** A command that, run in a fresh namespace, succeeds only if the tool can install a rule there. */
    static List<String> selfTest(String tool) {
        return tool.endsWith("nft")
                ? List.of(tool, "add table inet self_test")
                : List.of(tool, "-I", "INPUT", "-p", "tcp", "--dport", "9", "-j", "DROP");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Jvm.Result result = Jvm.exec(command, Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " failed (" + result.exitCode() + "): " + result.output());
        }
    }
}
