package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.*;

import dev.keepalive.SocketOptionException;
import dev.keepalive.internal.ErrorNames;
import java.util.Map;

/** Names and descriptions of the Winsock error codes that socket-option calls return. */
final class WinsockErrors {

    static final ErrorNames NAMES = new ErrorNames()
            .add(WSANOTINITIALISED(), "WSANOTINITIALISED")
            .add(WSAENETDOWN(), "WSAENETDOWN")
            .add(WSAEFAULT(), "WSAEFAULT")
            .add(WSAEINPROGRESS(), "WSAEINPROGRESS")
            .add(WSAEINVAL(), "WSAEINVAL")
            .add(WSAENOPROTOOPT(), "WSAENOPROTOOPT")
            .add(WSAENOTSOCK(), "WSAENOTSOCK")
            .add(WSAEINTR(), "WSAEINTR")
            .add(WSAEBADF(), "WSAEBADF")
            .add(WSAEACCES(), "WSAEACCES")
            .add(WSAEMFILE(), "WSAEMFILE")
            .add(WSAEOPNOTSUPP(), "WSAEOPNOTSUPP")
            .add(WSAEAFNOSUPPORT(), "WSAEAFNOSUPPORT")
            .add(WSAENOBUFS(), "WSAENOBUFS")
            .add(WSAENOTCONN(), "WSAENOTCONN")
            .add(WSAECONNRESET(), "WSAECONNRESET")
            .add(WSAETIMEDOUT(), "WSAETIMEDOUT")
            .add(WSASYSNOTREADY(), "WSASYSNOTREADY")
            .add(WSAVERNOTSUPPORTED(), "WSAVERNOTSUPPORTED")
            .add(WSAEPROTONOSUPPORT(), "WSAEPROTONOSUPPORT")
            .add(WSAEPROTOTYPE(), "WSAEPROTOTYPE");

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(WSANOTINITIALISED(), "WSAStartup has not been called"),
            Map.entry(WSAENETDOWN(), "the network subsystem has failed"),
            Map.entry(WSAEFAULT(), "an option buffer or its length is not valid (a DWORD needs 4 bytes)"),
            Map.entry(WSAEINPROGRESS(), "a blocking Winsock 1.1 call is in progress"),
            Map.entry(WSAEINVAL(), "invalid level or value, or the socket is connecting; set keep-alive"
                    + " before connect or after the connection completes"),
            Map.entry(WSAENOPROTOOPT(), "the option is unknown or unsupported for this socket's protocol"
                    + " (keep-alive needs a TCP socket)"),
            Map.entry(WSAENOTSOCK(), "the handle is not a socket"),
            Map.entry(WSAEINTR(), "the call was interrupted"),
            Map.entry(WSAEBADF(), "the handle is not valid"),
            Map.entry(WSAEACCES(), "access denied"),
            Map.entry(WSAEMFILE(), "no more socket handles are available"),
            Map.entry(WSAEOPNOTSUPP(), "the operation is not supported on this socket"),
            Map.entry(WSAEAFNOSUPPORT(), "the address family is not supported"),
            Map.entry(WSAENOBUFS(), "no buffer space is available"),
            Map.entry(WSAENOTCONN(), "the socket is not connected"),
            Map.entry(WSAECONNRESET(), "the connection was reset by the peer"),
            Map.entry(WSAETIMEDOUT(), "the connection timed out"),
            Map.entry(WSASYSNOTREADY(), "the network subsystem is not ready"),
            Map.entry(WSAVERNOTSUPPORTED(), "the requested Winsock version is not supported"),
            Map.entry(WSAEPROTONOSUPPORT(), "the protocol is not supported"),
            Map.entry(WSAEPROTOTYPE(), "the protocol is the wrong type for this socket"));

    private WinsockErrors() {
    }

    /** A description of a Winsock error code. */
    static String describe(int code) {
        return DESCRIPTIONS.getOrDefault(code, "Winsock error " + code);
    }

    /** The exception for a failed call. */
    static SocketOptionException failure(String operation, String option, int code) {
        return new SocketOptionException(operation, option, code, NAMES.nameOf(code), describe(code));
    }
}
