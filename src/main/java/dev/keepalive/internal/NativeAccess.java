package dev.keepalive.internal;

import java.lang.foreign.MemorySegment;

/**
 * Whether the JVM lets this library call native code, found out once, before any generated binding is touched.
 * A JVM started with {@code --illegal-native-access=deny} (JEP 472 plans to make denial the default) and without
 * {@code --enable-native-access} for this library throws {@link IllegalCallerException} from every restricted
 * method, and a class whose initialisation makes a downcall handle would then fail to initialise for good. So
 * the library asks once, with a restricted call that has no other effect, and where it is denied never loads
 * its native calls: JDK sockets use the JDK's own socket options and raw handles are refused with a message
 * naming the flag. The user is told once, through {@link System.Logger}.
 */
public final class NativeAccess {

    private static final boolean ENABLED = probe();

    private NativeAccess() {
    }

    /**
     * Whether this library may call native code.
     *
     * @return {@code false} if the JVM denies it native access
     */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * The JVM option that gives this library native access.
     *
     * @return {@code --enable-native-access=dev.keepalive} on the module path, else
     *     {@code --enable-native-access=ALL-UNNAMED}
     */
    public static String flag() {
        return "--enable-native-access=" + JdkSockets.moduleTarget();
    }

    /**
     * Why a socket is reached through the JDK's options, in short, for {@code access()} and refusals.
     *
     * @return for example
     *     {@code native access is denied to this library; start the JVM with --enable-native-access=ALL-UNNAMED}
     */
    public static String deniedShort() {
        return "native access is denied to this library; start the JVM with " + flag();
    }

    /**
     * What is lost without native access, and how to get it back.
     *
     * @return one sentence
     */
    public static String denial() {
        return "the JVM denies this library native access, so JDK sockets are reached through the JDK's socket"
                + " options only (no user timeout, no keep-alive settings on listening sockets) and raw handles"
                + " cannot be used; start the JVM with " + flag();
    }

    /**
     * The native calls of a backend made without native access: JDK sockets never reach them (they use the JDK's
     * options) and raw handles are refused before, so each call only says why it cannot be made.
     *
     * @return calls that throw {@link UnsupportedOperationException} naming {@link #flag()}
     */
    public static SocketCalls deniedCalls() {
        return Denied.INSTANCE;
    }

    /** The calls of {@link #deniedCalls()}. */
    private enum Denied implements SocketCalls {
        INSTANCE;

        @Override
        public void setInt(long handle, OptionSpec spec, int value) {
            throw new UnsupportedOperationException("cannot set " + spec.name() + ": " + denial());
        }

        @Override
        public int getInt(long handle, OptionSpec spec) {
            throw new UnsupportedOperationException("cannot read " + spec.name() + ": " + denial());
        }
    }

    /**
     * Calls {@link MemorySegment#reinterpret(long)} on the null segment: restricted, like every native call the
     * library makes, but with no effect, and unlike making a downcall handle it links nothing, which would cost a
     * fresh JVM several milliseconds for a function shape the library never calls. On a JVM that only warns, the
     * warning is given once here, naming that method, instead of at the library's first downcall.
     */
    private static boolean probe() {
        try {
            MemorySegment.NULL.reinterpret(0);
            return true;
        } catch (IllegalCallerException denied) {
            System.getLogger("dev.keepalive").log(System.Logger.Level.WARNING, "socket-keepalive: " + denial());
            return false;
        }
    }
}
