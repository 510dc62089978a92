package dev.keepalive.cli;

/** The command line's exit codes, stable so that scripts can act on them. */
enum ExitCode {
    /** The command did its job; for {@code watch}, the peer was still alive when {@code --for} ran out. */
    DONE(0, "done (watch: the peer was still alive when --for ran out)"),
    /** An I/O error, or a setting that cannot be changed here: not on this OS, or not without the JVM options. */
    FAILURE(1, "failure: an I/O error, or a setting this OS (or this JVM without its options) cannot change"),
    /** The arguments could not be used; nothing else was done. */
    USAGE(2, "bad arguments (checked before anything is done)"),
    /** Keep-alive or the user timeout ended the connection: the peer is gone. */
    PEER_DEAD(3, "the peer was declared dead by keep-alive or the user timeout"),
    /** The peer closed the connection in order. */
    PEER_CLOSED(4, "the peer closed the connection"),
    /** The peer reset the connection. */
    PEER_RESET(5, "the peer reset the connection"),
    /** The connection could not be made: the name does not resolve, the peer refused, or no answer came in time. */
    NO_CONNECTION(6, "could not connect (the name does not resolve, the peer refused, or no answer in time)");

    private final int status;
    private final String meaning;

    ExitCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    int status() {
        return status;
    }

    String meaning() {
        return meaning;
    }
}
