package dev.keepalive.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on loopback with a throwaway self-signed key: {@code keytool} from the running JDK makes an EC key for
 * {@code localhost} and {@code 127.0.0.1} in a temporary key store, which the server uses as its key and the
 * client as its only trusted certificate. {@link EchoServer} answers each line on a TLS connection.
 */
public final class Tls {

    private static final char[] PASSWORD = "throwaway".toCharArray();

    private final SSLContext server;
    private final SSLContext client;

    private Tls(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    /** Makes a new key in a temporary directory, removed again once the contexts are built. */
    public static Tls create() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Path store = dir.resolve("key.p12");
        try {
            Jvm.Result made = Jvm.run("keytool", List.of("-genkeypair", "-alias", "server", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
            if (made.exitCode() != 0) {
                throw new IllegalStateException("keytool failed: " + made.output());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLSv1.3");
            server.init(keyManagers.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext client = SSLContext.getInstance("TLSv1.3");
            client.init(null, trust.getTrustManagers(), null);
            return new Tls(server, client);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    /** The client side's socket factory, which trusts only the throwaway key. */
    public SSLSocketFactory clientFactory() {
        return client.getSocketFactory();
    }

    /** A listening TLS socket on an ephemeral loopback port, with the throwaway key. */
    public SSLServerSocket serverSocket() throws IOException {
        return (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    /** Starts a TLS echo server on an ephemeral loopback port. */
    public EchoServer echoServer() throws IOException {
        return new EchoServer(serverSocket());
    }

    /**
     * Answers every byte it reads on each TLS connection with the same byte, at most 8 connections, each on
     * its own thread. The connections it accepted stay reachable for checks.
     */
    public static final class EchoServer implements AutoCloseable {

        private static final int MAX_CONNECTIONS = 8;

        private final SSLServerSocket listener;
        private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

        EchoServer(SSLServerSocket listener) {
            this.listener = listener;
            Thread.ofPlatform().daemon().name("tls-echo").start(this::acceptLoop);
        }

        /** The listening port. */
        public int port() {
            return listener.getLocalPort();
        }

        /** The connections accepted so far. */
        public List<Socket> accepted() {
            return List.copyOf(accepted);
        }

        /** Waits, at most 5 s in 100 checks, until {@code count} connections were accepted. */
        public void awaitAccepted(int count) throws InterruptedException {
            for (int attempt = 0; attempt < 100 && accepted.size() < count; attempt++) {
                Thread.sleep(50);
            }
            if (accepted.size() < count) {
                throw new IllegalStateException("accepted " + accepted.size() + " of " + count + " in 5 s");
            }
        }

        private void acceptLoop() {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                try {
                    Socket socket = listener.accept();
                    accepted.add(socket);
                    Thread.ofPlatform().daemon().name("tls-echo-connection").start(() -> echo(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void echo(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
