/** A separate program that uses the library from the module path, as a modular application would. */
module consumer {
    requires dev.keepalive;
    requires jdk.net;
}
