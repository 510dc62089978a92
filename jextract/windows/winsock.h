/*
 * Input header for the Windows bindings (package dev.keepalive.internal.windows.gen).
 *
 * It is parsed on Linux against the MinGW-w64 Windows headers for an x86-64
 * Windows target (see compile_flags.txt and generate.sh). Which symbols end up
 * in Java is decided by winsock.args.
 */
#include <winsock2.h>   /* also brings in ws2def.h */
#include <ws2tcpip.h>
#include <mstcpip.h>

/*
 * The MinGW-w64 headers do not define these TCP-level socket options, which
 * Microsoft's ws2ipdef.h does. Supply Microsoft's documented values, but only
 * where the headers in use lack them, so a header set that has them wins.
 */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_MAXRT
#define TCP_MAXRT 5
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif
