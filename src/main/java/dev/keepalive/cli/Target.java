package dev.keepalive.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The peer {@code watch} connects to, as typed: {@code HOST:PORT}, or {@code [IPv6]:PORT}. Reading it looks
 * nothing up; {@link #resolve()} does, when it is time to connect.
 *
 * @param host a host name or address, without brackets
 * @param port 1 to 65535
 * @param text the text typed
 */
record Target(String host, int port, String text) {

    /**
     * Reads {@code HOST:PORT} or {@code [IPv6]:PORT}.
     *
     * @throws IllegalArgumentException if there is no host, no port, a port outside 1 to 65535, an IPv6
     *     address without brackets, or something in brackets that is not an IPv6 address
     */
    static Target parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' has no port: use HOST:PORT or [IPv6]:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") || host.endsWith("]")) {
            if (!host.startsWith("[") || !host.endsWith("]") || host.length() == 1) {
                throw new IllegalArgumentException("'" + text + "' has unbalanced brackets: use [IPv6]:PORT");
            }
            host = host.substring(1, host.length() - 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has no address between the brackets");
            }
            if (!host.contains(":") || !isLiteral(host)) { // an IPv4-mapped form is IPv6 too
                throw new IllegalArgumentException("'" + text + "' has no IPv6 address between the brackets");
            }
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, as [" + host
                    + "]:PORT");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host: use HOST:PORT or [IPv6]:PORT");
        }
        String digits = text.substring(colon + 1);
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("'" + text + "' has no port from 1 to 65535 after the last ':'");
        }
        return new Target(host, Integer.parseInt(digits), text);
    }

    /**
     * Looks the host up (an address is taken as it is).
     *
     * @throws UnknownHostException if the name does not resolve
     */
    InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Whether the host is an address, IPv4 or IPv6, rather than a name. */
    boolean isAddress() {
        return isLiteral(host);
    }

    private static boolean isLiteral(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
