package dev.keepalive.agent;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one rule matches: a host (a name, a {@code *.}domain, or an address range), a service port or port
 * range, or both. Written {@code [host][:ports]}:
 * <ul>
 * <li>{@code :5432}, {@code :8000-8099}: any host, these ports;</li>
 * <li>{@code db.example.com}, {@code *.example.com}: the name the application connected to (never looked up,
 *     so never matches a connection made to an address or an accepted one);</li>
 * <li>{@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code [fd00::/8]}, {@code [::1]}: the peer's address, IPv6 in
 *     brackets;</li>
 * <li>{@code db.example.com:5432}, {@code 10.0.0.0/8:6379}, {@code [::1]:80-89}: both.</li>
 * </ul>
 * The port is the server's: the peer's on a connection this JVM makes, this JVM's own on one it accepts.
 */
public final class Target {

    private static final Pattern NAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+(/.*)?");

    private final String name;
    private final AddressRange range;
    private final int firstPort;
    private final int lastPort;

    private Target(String name, AddressRange range, int firstPort, int lastPort) {
        this.name = name;
        this.range = range;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
    }

    /**
     * Reads a target.
     *
     * @param text {@code [host][:ports]} as described in the class documentation
     * @return the target
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static Target parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty: give a host, :port or both, such as db.example.com:5432");
        }
        String host;
        String ports;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' opens [ without closing it");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "' has '" + rest
                        + "' after ]: write [address/prefix]:port");
            }
            ports = rest.isEmpty() ? null : rest.substring(1);
            AddressRange range = AddressRange.parse(host);
            if (!range.ipv6()) {
                throw new IllegalArgumentException("'" + text
                        + "': brackets are for IPv6 addresses; write IPv4 without");
            }
            return withPorts(null, range, ports, text);
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "': put an IPv6 address in brackets, such as [::1]:5432");
        }
        host = colon < 0 ? text : text.substring(0, colon);
        ports = colon < 0 ? null : text.substring(colon + 1);
        if (host.isEmpty()) {
            return withPorts(null, null, ports, text);
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return withPorts(null, AddressRange.parse(host), ports, text);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name, *.domain or address range");
        }
        return withPorts(lower, null, ports, text);
    }

    private static Target withPorts(String name, AddressRange range, String ports, String text) {
        if (ports == null) {
            return new Target(name, range, 0, 0);
        }
        int dash = ports.indexOf('-');
        int first = port(dash < 0 ? ports : ports.substring(0, dash), text);
        int last = dash < 0 ? first : port(ports.substring(dash + 1), text);
        if (last < first) {
            throw new IllegalArgumentException("'" + text + "': the port range " + ports + " ends before it starts");
        }
        return new Target(name, range, first, last);
    }

    private static int port(String text, String whole) {
        if (text.matches("\\d{1,5}")) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("'" + whole + "': '" + text + "' is not a port from 1 to 65535");
    }

    /**
     * Whether a connection matches: its host (if this target names one) and its service port (if this target
     * names ports).
     *
     * @param peer the connection
     * @return {@code true} if it matches
     */
    public boolean matches(Peer peer) {
        if (firstPort != 0 && (peer.servicePort() < firstPort || peer.servicePort() > lastPort)) {
            return false;
        }
        if (range != null) {
            return range.contains(peer.address());
        }
        if (name != null) {
            return peer.name().map(this::nameMatches).orElse(false);
        }
        return true;
    }

    private boolean nameMatches(String host) {
        return name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The target as {@link #parse} reads it, in canonical form. */
    @Override
    public String toString() {
        String host = name != null ? name : range == null ? "" : range.ipv6() ? "[" + range + "]" : range.toString();
        if (firstPort == 0) {
            return host;
        }
        return host + ":" + (firstPort == lastPort ? Integer.toString(firstPort) : firstPort + "-" + lastPort);
    }
}
