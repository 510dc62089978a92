package dev.keepalive.testing;

/** A class that would load native libraries the way the library must not, to show that the scan finds it. */
public final class LoadsALibrary {

    private LoadsALibrary() {
    }

    /** Never called. */
    static void loadByName() {
        System.loadLibrary("ws2_32");
    }

    /** Never called. */
    static void loadByPath() {
        Runtime.getRuntime().load("/nonexistent/libexample.so");
    }
}
