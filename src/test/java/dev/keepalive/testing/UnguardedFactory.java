package dev.keepalive.testing;

import dev.keepalive.KeepAlive;
import dev.keepalive.KeepAliveSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * A socket factory for a JDBC URL whose sockets are the JDK's plain ones with the settings of
 * {@code socketFactoryArg} applied, and no guard: what a factory that only applies settings gives a client
 * that later switches keep-alive off. Built on {@link KeepAliveSocketFactory#wrapping(SocketFactory, KeepAlive)}.
 */
public final class UnguardedFactory extends SocketFactory {

    private final SocketFactory factory;

    /** Reads the settings from the driver's {@code socketFactoryArg}. */
    public UnguardedFactory(Properties properties) {
        factory = KeepAliveSocketFactory.wrapping(SocketFactory.getDefault(),
                KeepAlive.parse(properties.getProperty("socketFactoryArg")));
    }

    @Override
    public Socket createSocket() throws IOException {
        return factory.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return factory.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return factory.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return factory.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return factory.createSocket(address, port, localAddress, localPort);
    }
}
