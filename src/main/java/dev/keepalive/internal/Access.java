package dev.keepalive.internal;

/** How a view reaches its socket. */
public enum Access {
    /** The library calls the OS on the socket's own handle. */
    NATIVE_HANDLE("native handle"),
    /** The library goes through the JDK's socket options, because the JVM did not open {@code java.base} to it. */
    JDK_OPTIONS("JDK socket options");

    private final String text;

    Access(String text) {
        this.text = text;
    }

    /**
     * The words the public API reports.
     *
     * @return {@code native handle} or {@code JDK socket options}
     */
    public String text() {
        return text;
    }
}
