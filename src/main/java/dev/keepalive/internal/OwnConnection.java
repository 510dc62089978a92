package dev.keepalive.internal;

/**
 * Marks a {@link java.net.Socket} subclass of this library's own that overrides the socket options only to guard
 * them, while its connection stays in the socket's own implementation: views of it reach that implementation, as
 * for a plain {@code Socket}, instead of falling back to its options as for a socket that delegates elsewhere.
 */
public interface OwnConnection {
}
