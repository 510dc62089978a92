/*
 * Input header for the Linux bindings (package dev.keepalive.internal.posix.gen, used by Linux and macOS).
 * It only pulls in the glibc headers that declare the socket-option calls,
 * the TCP keep-alive option names and the errno values the Linux backend uses.
 * Which of their symbols end up in Java is decided by posix.args.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>
