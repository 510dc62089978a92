package dev.keepalive.agent;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCP connection as the rules see it: the peer's address, the name it was reached by (if the application
 * gave one), the service port and the direction.
 *
 * @param address the peer's address
 * @param hostName the name the application connected to, in lower case, or {@code null} where it gave an
 *     address or the connection was accepted; never looked up in DNS
 * @param servicePort the server's port: the peer's port on a connection this JVM made, the local port on one
 *     it accepted
 * @param accepted whether this JVM accepted the connection rather than made it
 */
public record Peer(InetAddress address, String hostName, int servicePort, boolean accepted) {

    /**
     * Checks the fields.
     *
     * @param address the peer's address
     * @param hostName the name the application connected to, or {@code null}
     * @param servicePort the server's port
     * @param accepted whether this JVM accepted the connection
     */
    public Peer {
        Objects.requireNonNull(address, "address");
    }

    /**
     * The name the application connected to.
     *
     * @return the name in lower case, or empty where the application gave an address or the connection was
     *     accepted
     */
    public Optional<String> name() {
        return Optional.ofNullable(hostName);
    }

    @Override
    public String toString() {
        String host = hostName != null ? hostName + "/" + address.getHostAddress() : address.getHostAddress();
        return (accepted ? "accepted from " + host + " on port " : "to " + host + ":") + servicePort;
    }
}
