/**
 * The public API: {@link dev.keepalive.SocketKeepAlive} sets and reads TCP keep-alive on one socket,
 * {@link dev.keepalive.KeepAlive} holds settings, {@link dev.keepalive.AcceptedSockets} carries a listening
 * socket's settings to the sockets it accepts, and {@link dev.keepalive.Capabilities},
 * {@link dev.keepalive.EffectiveKeepAlive} and {@link dev.keepalive.SystemDefaults} report what the running OS
 * supports, what is in effect and the system-wide defaults. A call the OS refuses throws
 * {@link dev.keepalive.SocketOptionException}, naming the call and the option; a value outside the OS's limits
 * is refused with an {@link java.lang.IllegalArgumentException} before any native call.
 *
 * <p>Reaching the descriptor inside the JDK's sockets needs JVM options; see the module description.
 */
package dev.keepalive;
