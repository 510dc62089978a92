/**
 * TCP keep-alive for Java sockets through direct operating-system calls, on Linux, macOS and Windows.
 *
 * <p>{@link dev.keepalive.SocketKeepAlive} is the entry point; {@link dev.keepalive.KeepAlive} holds
 * settings; {@link dev.keepalive.Capabilities} reports what the running OS supports.
 *
 * <p>JVM options, on the module path: {@code --enable-native-access=dev.keepalive} (the library calls the OS
 * through the Foreign Function &amp; Memory API), and {@code --add-opens java.base/sun.nio.ch=dev.keepalive
 * --add-opens java.base/java.net=dev.keepalive} (it reaches the descriptor inside the JDK's sockets); on the
 * class path the same with {@code ALL-UNNAMED}. Without the {@code --add-opens} options, the library uses the
 * JDK's own socket options where they exist and names the missing option where they do not (the user
 * timeout, for example). Sockets given by handle ({@link dev.keepalive.SocketKeepAlive#ofHandle(long)}) need
 * no {@code --add-opens}.
 *
 * <p>The module reads {@code jdk.net} for the JDK's own keep-alive options; from the class path the library
 * also runs on a Java runtime without it.
 */
module dev.keepalive {
    requires jdk.net;

    exports dev.keepalive;
}
