/*
 * Native side of the benchmarks: the physical limit (the same socket-option calls made in a C loop) and a
 * JNI shim over the same calls. Loaded by dev.keepalive.bench.Natives; Linux only.
 *
 * The loops are called once per batch through one FFM downcall, so the transition into C is paid once per
 * batch and the cost per operation is that of the system call itself. They return the number of failed
 * calls so that the compiler cannot drop any, and the caller checks it is zero.
 *
 * The JNI functions declare the JNI types they use instead of including jni.h: every argument is a
 * 32-bit int, JNI uses the platform's C calling convention, and so the shim builds with a C compiler alone.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

#define EXPORT __attribute__((visibility("default")))

typedef int32_t jint;
typedef void *jni_env;   /* JNIEnv *, unused */
typedef void *jni_class; /* jclass of the static native method, unused */

/* setsockopt(fd, level, option, &value, 4), n times. */
EXPORT int ka_set_loop(int fd, int level, int option, int value, int n) {
    int failures = 0;
    for (int i = 0; i < n; i++) {
        failures += setsockopt(fd, level, option, &value, sizeof value) != 0;
    }
    return failures;
}

/* getsockopt(fd, level, option, &value, &length), n times. */
EXPORT int ka_get_loop(int fd, int level, int option, int n) {
    int failures = 0;
    for (int i = 0; i < n; i++) {
        int value = 0;
        socklen_t length = sizeof value;
        failures += getsockopt(fd, level, option, &value, &length) != 0;
    }
    return failures;
}

static int read_all(int fd) {
    static const int options[][2] = {
        {IPPROTO_TCP, TCP_KEEPIDLE}, {IPPROTO_TCP, TCP_KEEPINTVL}, {IPPROTO_TCP, TCP_KEEPCNT},
        {IPPROTO_TCP, TCP_USER_TIMEOUT}, {SOL_SOCKET, SO_KEEPALIVE},
    };
    int failures = 0;
    for (unsigned i = 0; i < sizeof options / sizeof options[0]; i++) {
        int value = 0;
        socklen_t length = sizeof value;
        failures += getsockopt(fd, options[i][0], options[i][1], &value, &length) != 0;
    }
    return failures;
}

static int set(int fd, int level, int option, int value) {
    return setsockopt(fd, level, option, &value, sizeof value) != 0;
}

/*
 * The system calls the library's apply(idle, interval, probes) makes on Linux, n times: read the settings it
 * may have to set back and those it leaves alone (for its result): all but the probe count, which it sets
 * last; then set SO_KEEPALIVE, idle, interval and probes, in that order.
 */
EXPORT int ka_apply_loop(int fd, int idle, int interval, int probes, int n) {
    static const int reads[][2] = {
        {SOL_SOCKET, SO_KEEPALIVE}, {IPPROTO_TCP, TCP_KEEPIDLE}, {IPPROTO_TCP, TCP_KEEPINTVL},
        {IPPROTO_TCP, TCP_USER_TIMEOUT},
    };
    int failures = 0;
    for (int i = 0; i < n; i++) {
        for (unsigned r = 0; r < sizeof reads / sizeof reads[0]; r++) {
            int value = 0;
            socklen_t length = sizeof value;
            failures += getsockopt(fd, reads[r][0], reads[r][1], &value, &length) != 0;
        }
        failures += set(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
        failures += set(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle);
        failures += set(fd, IPPROTO_TCP, TCP_KEEPINTVL, interval);
        failures += set(fd, IPPROTO_TCP, TCP_KEEPCNT, probes);
    }
    return failures;
}

/* Only the four setsockopt calls of an apply(idle, interval, probes), n times: what a bare C program needs. */
EXPORT int ka_apply_sets_loop(int fd, int idle, int interval, int probes, int n) {
    int failures = 0;
    for (int i = 0; i < n; i++) {
        failures += set(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle);
        failures += set(fd, IPPROTO_TCP, TCP_KEEPINTVL, interval);
        failures += set(fd, IPPROTO_TCP, TCP_KEEPCNT, probes);
        failures += set(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    }
    return failures;
}

/* The five getsockopt calls of the library's current() on Linux, n times. */
EXPORT int ka_current_loop(int fd, int n) {
    int failures = 0;
    for (int i = 0; i < n; i++) {
        failures += read_all(fd);
    }
    return failures;
}

/* JNI: setsockopt on a 4-byte int; 0 on success, -1 on failure. */
EXPORT jint Java_dev_keepalive_bench_Natives_jniSetInt(jni_env env, jni_class cls, jint fd, jint level,
                                                       jint option, jint value) {
    (void) env;
    (void) cls;
    return setsockopt(fd, level, option, &value, sizeof value);
}

/* JNI: getsockopt on a 4-byte int; the value, or -1 on failure. */
EXPORT jint Java_dev_keepalive_bench_Natives_jniGetInt(jni_env env, jni_class cls, jint fd, jint level,
                                                       jint option) {
    (void) env;
    (void) cls;
    int value = 0;
    socklen_t length = sizeof value;
    return getsockopt(fd, level, option, &value, &length) == 0 ? value : -1;
}

/* JNI: the C library's abs(), the same function the FFM and JNA trivial-call rows call. */
EXPORT jint Java_dev_keepalive_bench_Natives_jniAbs(jni_env env, jni_class cls, jint value) {
    (void) env;
    (void) cls;
    return abs(value);
}
