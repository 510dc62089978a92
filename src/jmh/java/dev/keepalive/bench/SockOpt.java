package dev.keepalive.bench;

/**
 * The Linux socket options the benchmarks set, with their level, number and the value written on every call.
 * The numbers are Linux's ({@code <sys/socket.h>}, {@code <netinet/tcp.h>}); the benchmarks run on Linux.
 */
public enum SockOpt {
    SO_KEEPALIVE(1, 9, 1),
    TCP_KEEPIDLE(6, 4, 30),
    TCP_KEEPINTVL(6, 5, 5),
    TCP_KEEPCNT(6, 6, 3),
    TCP_USER_TIMEOUT(6, 18, 60_000);

    /** {@code SOL_SOCKET} or {@code IPPROTO_TCP}. */
    public final int level;
    /** The option's number. */
    public final int number;
    /** The value set: on, 30 s, 5 s, 3 probes, 60,000 ms. */
    public final int value;

    SockOpt(int level, int number, int value) {
        this.level = level;
        this.number = number;
        this.value = value;
    }
}
