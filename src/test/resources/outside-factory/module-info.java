module example.factory {
    requires dev.keepalive;
    requires jdk.net;
}
