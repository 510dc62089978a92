package dev.keepalive.cli;

import dev.keepalive.testing.Firewall;
import java.util.Arrays;

/**
 * For a {@link dev.keepalive.testing.PrivateNetwork}: drops every segment to and from a port, so that a
 * connection attempt's SYN goes unanswered (no RST, no ICMP), then runs the command line.
 *
 * <p>Arguments: the port, then the command line's arguments.
 */
public final class DroppedSyn {

    private DroppedSyn() {
    }

    public static void main(String[] args) throws Exception {
        Firewall.dropPort(Integer.parseInt(args[0]));
        Main.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
