package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Hashtable;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Clients that take the factory's class name and call its static {@code getDefault()}: Jakarta Mail's SMTP
 * transport ({@code mail.smtp.socketFactory.class}) and JNDI's LDAP provider
 * ({@code java.naming.ldap.factory.socket}). Each connects to a local listener that only accepts; the
 * connection the client opened, found through {@code /proc}, carries the settings of the system property
 * {@value KeepAliveSocketFactory#SETTINGS_PROPERTY}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailAndDirectoryFactoryIT {

    private ServerSocket listener;
    private String savedProperty;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        savedProperty = System.getProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
        if (savedProperty == null) {
            System.clearProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY);
        } else {
            System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, savedProperty);
        }
    }

    @Test
    void jakartaMailMakesTheFactoryByClassNameAndItsConnectionCarriesTheSettings() throws Exception {
        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=13s,interval=3s,probes=2,userTimeout=8s");
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(listener.getLocalPort()));
        properties.setProperty("mail.smtp.socketFactory.class", KeepAliveSocketFactory.class.getName());
        properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        Transport transport = Session.getInstance(properties).getTransport("smtp");
        CompletableFuture<Void> connecting = CompletableFuture.runAsync(() -> {
            try {
                transport.connect(); // waits for the server's greeting, which never comes
            } catch (Exception expected) {
                // the listener closes the connection once the settings are read
            }
        });
        try (Socket accepted = listener.accept()) {
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(listener.getLocalPort())))
                    .isEqualTo(new KernelSettings(1, 13, 3, 2, 8000));
        }
        connecting.get(20, TimeUnit.SECONDS);
    }

    @Test
    void jndiLdapMakesTheFactoryByClassNameAndItsConnectionCarriesTheSettings() throws Exception {
        System.setProperty(KeepAliveSocketFactory.SETTINGS_PROPERTY, "idle=14s,interval=2s,probes=6");
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, "ldap://127.0.0.1:" + listener.getLocalPort());
        environment.put("java.naming.ldap.factory.socket", KeepAliveSocketFactory.class.getName());
        environment.put("com.sun.jndi.ldap.connect.timeout", "5000");
        environment.put("com.sun.jndi.ldap.read.timeout", "5000");
        CompletableFuture<Void> connecting = CompletableFuture.runAsync(() -> {
            try {
                new InitialDirContext(environment).close(); // binds, and the answer never comes
            } catch (Exception expected) {
                // the listener closes the connection once the settings are read
            }
        });
        try (Socket accepted = listener.accept()) {
            assertThat(KernelSettings.of(OwnSockets.theOneConnectedTo(listener.getLocalPort())))
                    .isEqualTo(new KernelSettings(1, 14, 2, 6, 0));
        }
        connecting.get(20, TimeUnit.SECONDS);
    }
}
