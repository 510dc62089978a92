package dev.keepalive.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A connected loopback pair: a listening channel, the client end and the accepted end. */
public final class Loopback implements AutoCloseable {

    public final ServerSocketChannel server;
    public final SocketChannel client;
    public final SocketChannel accepted;

    private Loopback(ServerSocketChannel server, SocketChannel client, SocketChannel accepted) {
        this.server = server;
        this.client = client;
        this.accepted = accepted;
    }

    /** Connects over 127.0.0.1 or ::1. */
    public static Loopback open(String address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        SocketChannel client = SocketChannel.open(server.getLocalAddress());
        return new Loopback(server, client, server.accept());
    }

    @Override
    public void close() throws IOException {
        try (server; client; accepted) {
            // closes all three
        }
    }
}
