module example {
    requires dev.keepalive;
    requires jdk.net;
}
