/**
 * TCP keep-alive for Java sockets through direct operating-system calls.
 *
 * <p>{@link dev.keepalive.SocketKeepAlive} is the entry point; {@link dev.keepalive.KeepAlive} holds
 * settings; {@link dev.keepalive.Capabilities} reports what the running OS supports.
 */
module dev.keepalive {
    requires jdk.net;

    exports dev.keepalive;
}
