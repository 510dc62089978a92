package dev.keepalive.agent;

import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Set;

/**
 * Weaves the agent's advice into the JDK's socket classes, each as it is loaded; those loaded before the agent
 * started are retransformed at once. Only the bootstrap loader's classes of these names are touched, and the
 * test of a name is all the work done for any other class. Byte Buddy ({@link Weaving}) is loaded on the first
 * of these classes, so a JVM pays for it when it first uses a socket, not before {@code main}.
 *
 * <p>The methods, as in JDK 22 to 25 ({@code sun.nio.ch} names are the JDK's implementation classes):
 * <table class="striped">
 * <caption>Instrumented methods</caption>
 * <tr><th>class</th><th>method</th><th>event</th></tr>
 * <tr><td>{@code java.net.Socket}</td><td>{@code connect(SocketAddress, int)}</td><td>connected</td></tr>
 * <tr><td>{@code java.net.ServerSocket}</td><td>{@code implAccept(Socket)}</td><td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.SocketChannelImpl}</td><td>{@code connect(SocketAddress)},
 *     {@code finishConnect()}, {@code blockingConnect(SocketAddress, long)}</td><td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.ServerSocketChannelImpl}</td><td>{@code finishAccept(FileDescriptor,
 *     SocketAddress)}</td><td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}</td><td>{@code setConnected()}</td>
 *     <td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.UnixAsynchronousServerSocketChannelImpl}</td><td>{@code finishAccept(...)}</td>
 *     <td>accepted</td></tr>
 * <tr><td>{@code sun.nio.ch.WindowsAsynchronousSocketChannelImpl$ConnectTask}</td><td>{@code afterConnect()}</td>
 *     <td>connected</td></tr>
 * <tr><td>{@code sun.nio.ch.WindowsAsynchronousSocketChannelImpl}</td><td>{@code setConnected(InetSocketAddress,
 *     InetSocketAddress)}</td><td>accepted</td></tr>
 * <tr><td>{@code java.net.Socket}</td><td>{@code setKeepAlive(boolean)}, {@code setOption(SocketOption,
 *     Object)}</td><td>a keep-alive option set</td></tr>
 * <tr><td>{@code sun.nio.ch.SocketChannelImpl}, {@code sun.nio.ch.AsynchronousSocketChannelImpl}</td>
 *     <td>{@code setOption(SocketOption, Object)}</td><td>a keep-alive option set</td></tr>
 * </table>
 */
final class Instrumenter implements ClassFileTransformer {

    static final String SOCKET = "java.net.Socket";
    static final String SERVER_SOCKET = "java.net.ServerSocket";
    static final String CHANNEL = "sun.nio.ch.SocketChannelImpl";
    static final String SERVER_CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    static final String ASYNC_CHANNEL = "sun.nio.ch.AsynchronousSocketChannelImpl";
    static final String UNIX_ASYNC_CHANNEL = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
    static final String UNIX_ASYNC_SERVER = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
    static final String WINDOWS_ASYNC_CHANNEL = "sun.nio.ch.WindowsAsynchronousSocketChannelImpl";
    static final String WINDOWS_CONNECT_TASK = WINDOWS_ASYNC_CHANNEL + "$ConnectTask";
    /** The classes woven, by binary name. */
    static final Set<String> TARGETS = Set.of(SOCKET, SERVER_SOCKET, CHANNEL, SERVER_CHANNEL, ASYNC_CHANNEL,
            UNIX_ASYNC_CHANNEL, UNIX_ASYNC_SERVER, WINDOWS_ASYNC_CHANNEL, WINDOWS_CONNECT_TASK);

    private final JdkHook hook;
    private final AgentStatus status;
    private final AgentLog log;
    private Weaving weaving;

    /**
     * Makes the transformer.
     *
     * @param hook the hook the advice calls
     * @param status told of each class woven
     * @param log told of each class that could not be woven
     */
    Instrumenter(JdkHook hook, AgentStatus status, AgentLog log) {
        this.hook = hook;
        this.status = status;
        this.log = log;
    }

    /**
     * Registers the transformer and retransforms the classes of {@link #TARGETS} loaded already.
     *
     * @param instrumentation the agent's instrumentation
     * @throws UnmodifiableClassException never for these JDK classes
     */
    void install(Instrumentation instrumentation) throws UnmodifiableClassException {
        instrumentation.addTransformer(this, true);
        Class<?>[] loaded = Arrays.stream(instrumentation.getAllLoadedClasses())
                .filter(type -> type.getClassLoader() == null && TARGETS.contains(type.getName()))
                .toArray(Class<?>[]::new);
        if (loaded.length > 0) {
            instrumentation.retransformClasses(loaded);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (loader != null || internalName == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (!TARGETS.contains(name)) {
            return null;
        }
        try {
            Weaving.Woven woven = weaving().weave(name, classFile);
            status.instrumented(name);
            for (String advice : woven.missed()) {
                log.once("missed " + name + " " + advice, Level.WARNING, () -> "no method of " + name + " in JDK "
                        + Runtime.version() + " takes the agent's " + advice + " advice: some connections through"
                        + " it may not get the settings", null);
            }
            return woven.classFile();
        } catch (RuntimeException | LinkageError | NoSuchMethodException e) {
            log.once("instrument " + name, Level.WARNING, () -> "could not instrument " + name + ": " + e
                    + "; connections through it do not get the settings", e);
            return null;
        }
    }

    private synchronized Weaving weaving() throws NoSuchMethodException {
        if (weaving == null) {
            weaving = new Weaving(hook);
        }
        return weaving;
    }
}
