package dev.keepalive.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.util.Set;

/** A {@link ServerSocket} that hands everything to another one; its own implementation is never created. */
public final class DelegatingServerSocket extends ServerSocket {

    private final ServerSocket delegate;

    public DelegatingServerSocket(ServerSocket delegate) throws IOException {
        this.delegate = delegate;
    }

    @Override
    public Socket accept() throws IOException {
        return delegate.accept();
    }

    @Override
    public <T> ServerSocket setOption(SocketOption<T> name, T value) throws IOException {
        delegate.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return delegate.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return delegate.supportedOptions();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public boolean isBound() {
        return delegate.isBound();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
