package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Descriptors;
import dev.keepalive.testing.JdkCloseLocks;
import dev.keepalive.testing.Settings;
import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "A concurrent close waits for the call", for every kind of JDK socket and every call, shown on the JDK's own
 * close lock (found in the JDK's objects, see {@link JdkCloseLocks}) rather than on anything inside the library.
 * The test holds that lock, as a call in progress does: the library's call must then wait for it, blocked on
 * that very lock; a close started next must wait for it too. Once the test lets go, the call and the close run
 * in the order the lock grants: a call that waited on a monitor while the close began fails with the JDK's own
 * closed-socket exception (the JDK marks the socket closed before it takes the lock), and a call queued on an
 * asynchronous channel's read-write lock before the close completes first. Never a native error: that would
 * mean a released descriptor was reached.
 */
@EnabledOnOs(OS.LINUX)
class CloseLockIT {

    /** How long a thread may take to reach the lock it is expected to wait on, on a loaded machine. */
    private static final Duration REACH = Duration.ofSeconds(10);

    private static final List<String> SINGLE_OPTION_CALLS = List.of("setEnabled", "isEnabled", "setIdle",
            "setInterval", "setProbes", "setUserTimeout");

    /** A library call on a view. */
    @FunctionalInterface
    interface Call {
        Object on(SocketKeepAlive keepAlive) throws IOException;
    }

    /** Every call a user can make on a view: the six single-option calls and the three whole-settings ones. */
    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("setEnabled", (Call) k -> {
                    k.setEnabled(true);
                    return null;
                }),
                Arguments.of("isEnabled", (Call) SocketKeepAlive::isEnabled),
                Arguments.of("setIdle", (Call) k -> {
                    k.setIdle(Settings.WANTED.idle().orElseThrow());
                    return null;
                }),
                Arguments.of("setInterval", (Call) k -> {
                    k.setInterval(Settings.WANTED.interval().orElseThrow());
                    return null;
                }),
                Arguments.of("setProbes", (Call) k -> {
                    k.setProbes(Settings.WANTED.probes().orElseThrow());
                    return null;
                }),
                Arguments.of("setUserTimeout", (Call) k -> {
                    k.setUserTimeout(Settings.WANTED.userTimeout().orElseThrow());
                    return null;
                }),
                Arguments.of("apply", (Call) k -> k.apply(Settings.WANTED)),
                Arguments.of("current", (Call) SocketKeepAlive::current),
                Arguments.of("effective", (Call) SocketKeepAlive::effective));
    }

    /** Every call on every kind of socket. */
    static Stream<Arguments> kindsAndCalls() {
        return Stream.of(Kind.values()).flatMap(kind -> calls().map(call -> Arguments.of(kind, call.get()[0],
                call.get()[1])));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("kindsAndCalls")
    void theCallAndTheCloseBothWaitForTheJdksCloseLock(Kind kind, String name, Call call) throws Exception {
        try (Opened socket = kind.open()) {
            SocketKeepAlive keepAlive = socket.view();
            String descriptor = socket.descriptor();
            Attempt caller;
            Attempt closer;
            try (Held held = socket.holdCloseLock()) {
                caller = Attempt.start(name, () -> call.on(keepAlive));
                held.awaitWaiting(caller, "the " + name + " call");
                closer = Attempt.start("close", () -> {
                    socket.close();
                    return null;
                });
                held.awaitWaiting(closer, "the close");
                assertThat(caller.done()).as("the call still waits while the lock is held").isFalse();
                assertThat(socket.descriptor()).as("the descriptor is not released while the lock is held")
                        .isEqualTo(descriptor);
            }
            caller.join();
            closer.join();
            assertThat(closer.failure()).as("the close").isNull();
            if (kind.readWriteLock && SINGLE_OPTION_CALLS.contains(name)) {
                // queued on the read side before the close queued on the write side: served first, on the open socket
                assertThat(caller.failure()).as("the " + name + " call, queued before the close").isNull();
            } else if (kind.readWriteLock) {
                // several native calls, each under the read side: the close may come between two of them
                if (caller.failure() != null) {
                    assertThat(caller.failure()).as("the " + name + " call, queued before the close")
                            .isExactlyInstanceOf(ClosedChannelException.class);
                }
            } else {
                assertThat(caller.failure()).as("the " + name + " call, waiting when the close began")
                        .isExactlyInstanceOf(kind.closedException);
                assertThat(caller.failure().getMessage()).isEqualTo(kind.closedMessage);
            }
        }
    }

    @Test
    void twoViewsOfOneSocketWaitOnTheSameLock() throws Exception {
        try (Opened socket = Kind.SOCKET.open()) {
            SocketKeepAlive first = socket.view();
            SocketKeepAlive second = socket.view();
            Attempt one;
            Attempt two;
            try (Held held = socket.holdCloseLock()) {
                one = Attempt.start("first view", () -> {
                    first.setProbes(3);
                    return null;
                });
                two = Attempt.start("second view", second::current);
                held.awaitWaiting(one, "the first view's call");
                held.awaitWaiting(two, "the second view's call");
            }
            one.join();
            two.join();
            assertThat(one.failure()).isNull();
            assertThat(two.failure()).isNull();
            assertThat(second.current().probes()).hasValue(3);
        }
    }

    /** The kinds of JDK socket, each with the exception the JDK throws once it is closed. */
    enum Kind {
        SOCKET_CHANNEL(false, ClosedChannelException.class, null),
        SERVER_SOCKET_CHANNEL(false, ClosedChannelException.class, null),
        SOCKET(false, SocketException.class, "Socket is closed"),
        SERVER_SOCKET(false, SocketException.class, "Socket is closed"),
        ASYNCHRONOUS_SOCKET_CHANNEL(true, ClosedChannelException.class, null),
        ASYNCHRONOUS_SERVER_SOCKET_CHANNEL(true, ClosedChannelException.class, null);

        final boolean readWriteLock;
        final Class<? extends IOException> closedException;
        final String closedMessage;

        Kind(boolean readWriteLock, Class<? extends IOException> closedException, String closedMessage) {
            this.readWriteLock = readWriteLock;
            this.closedException = closedException;
            this.closedMessage = closedMessage;
        }

        Opened open() throws Exception {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            InetSocketAddress any = new InetSocketAddress(loopback, 0);
            return switch (this) {
                case SOCKET_CHANNEL -> {
                    ServerSocketChannel server = ServerSocketChannel.open().bind(any);
                    SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept();
                    yield new Opened(() -> SocketKeepAlive.of(client), client::close, Descriptors.of(client),
                            monitor(JdkCloseLocks.monitorOf(client)), List.of(server, accepted));
                }
                case SERVER_SOCKET_CHANNEL -> {
                    ServerSocketChannel server = ServerSocketChannel.open().bind(any);
                    yield new Opened(() -> SocketKeepAlive.of(server), server::close, Descriptors.of(server),
                            monitor(JdkCloseLocks.monitorOf(server)), List.of());
                }
                case SOCKET -> {
                    ServerSocket server = new ServerSocket(0, 1, loopback);
                    Socket client = new Socket(loopback, server.getLocalPort());
                    Socket accepted = server.accept();
                    yield new Opened(() -> SocketKeepAlive.of(client), client::close, Descriptors.of(client),
                            monitor(JdkCloseLocks.monitorOf(client)), List.of(server, accepted));
                }
                case SERVER_SOCKET -> {
                    ServerSocket server = new ServerSocket(0, 1, loopback);
                    yield new Opened(() -> SocketKeepAlive.of(server), server::close, Descriptors.of(server),
                            monitor(JdkCloseLocks.monitorOf(server)), List.of());
                }
                case ASYNCHRONOUS_SOCKET_CHANNEL -> {
                    AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open().bind(any);
                    AsynchronousSocketChannel client = AsynchronousSocketChannel.open();
                    client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);
                    AsynchronousSocketChannel accepted = server.accept().get(10, TimeUnit.SECONDS);
                    yield new Opened(() -> SocketKeepAlive.of(client), client::close, Descriptors.of(client),
                            writeSide(JdkCloseLocks.readWriteLockOf(client)), List.of(server, accepted));
                }
                case ASYNCHRONOUS_SERVER_SOCKET_CHANNEL -> {
                    AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open().bind(any);
                    yield new Opened(() -> SocketKeepAlive.of(server), server::close, Descriptors.of(server),
                            writeSide(JdkCloseLocks.readWriteLockOf(server)), List.of());
                }
            };
        }
    }

    /** Makes a view. */
    @FunctionalInterface
    interface ViewMaker {
        SocketKeepAlive make() throws IOException;
    }

    /** Holds a lock on the calling thread until closed. */
    @FunctionalInterface
    interface Holder {
        Held hold();
    }

    /** An open socket under test, with whatever else was opened for it. */
    record Opened(ViewMaker views, AutoCloseable socket, int fd, Holder closeLock, List<AutoCloseable> others)
            implements AutoCloseable {

        SocketKeepAlive view() throws IOException {
            return views.make();
        }

        /** What the socket's descriptor number names now, such as {@code socket:[123456]}. */
        String descriptor() throws IOException {
            return Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
        }

        Held holdCloseLock() {
            return closeLock.hold();
        }

        @Override
        public void close() throws IOException {
            try {
                socket.close();
                for (AutoCloseable other : others) {
                    other.close();
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** The JDK's close lock, held by the test; closing it lets go. */
    interface Held extends AutoCloseable {

        /** Fails unless the thread comes to wait for this lock in time, while the test holds it. */
        void awaitWaiting(Attempt attempt, String what) throws InterruptedException;

        @Override
        void close();
    }

    /**
     * Holds a monitor: {@code synchronized} cannot span methods, so a helper thread takes it and keeps it until
     * told to let go; the waiting threads are then seen {@link Thread.State#BLOCKED} on that very object.
     */
    private static Holder monitor(Object lock) {
        return () -> {
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                synchronized (lock) {
                    taken.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "close-lock-holder");
            holder.setDaemon(true);
            holder.start();
            await(taken);
            return new Held() {
                @Override
                public void awaitWaiting(Attempt attempt, String what) throws InterruptedException {
                    ThreadInfo info = until(attempt, () -> blockedOn(attempt.thread, lock));
                    assertThat(blockedOn(attempt.thread, lock)).as(what + " is BLOCKED on the JDK's close lock %s;"
                            + " it was %s", lock, describe(attempt, info)).isTrue();
                }

                @Override
                public void close() {
                    release.countDown();
                    try {
                        holder.join(REACH.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        };
    }

    /** Holds the write side of a read-write lock; the waiting threads are seen queued on it. */
    private static Holder writeSide(ReentrantReadWriteLock lock) {
        return () -> {
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                lock.writeLock().lock();
                try {
                    taken.countDown();
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.writeLock().unlock();
                }
            }, "close-lock-holder");
            holder.setDaemon(true);
            holder.start();
            await(taken);
            return new Held() {
                @Override
                public void awaitWaiting(Attempt attempt, String what) throws InterruptedException {
                    ThreadInfo info = until(attempt, () -> lock.hasQueuedThread(attempt.thread));
                    assertThat(lock.hasQueuedThread(attempt.thread)).as(what + " is queued on the JDK's close"
                            + " lock %s; it was %s", lock, describe(attempt, info)).isTrue();
                }

                @Override
                public void close() {
                    release.countDown();
                    try {
                        holder.join(REACH.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(REACH.toMillis(), TimeUnit.MILLISECONDS)).as("the lock was taken").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds or the thread ends or time runs out; returns the thread's last state. */
    private static ThreadInfo until(Attempt attempt, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + REACH.toNanos();
        while (!condition.getAsBoolean() && !attempt.done() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return ManagementFactory.getThreadMXBean().getThreadInfo(attempt.thread.threadId());
    }

    private static boolean blockedOn(Thread thread, Object lock) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.threadId());
        if (info == null || info.getThreadState() != Thread.State.BLOCKED) {
            return false;
        }
        LockInfo waitedOn = info.getLockInfo();
        return waitedOn != null && waitedOn.getIdentityHashCode() == System.identityHashCode(lock)
                && waitedOn.getClassName().equals(lock.getClass().getName());
    }

    private static String describe(Attempt attempt, ThreadInfo info) {
        if (attempt.done()) {
            return "already done, " + (attempt.failure() == null ? "returning normally" : "with " + attempt.failure());
        }
        return info == null ? "gone" : info.getThreadState() + " on " + info.getLockInfo();
    }

    /** A call or a close on a thread of its own, and how it ended. */
    static final class Attempt {
        final Thread thread;
        private volatile boolean done;
        private volatile Throwable failure;

        private Attempt(String name, Callable<?> work) {
            thread = new Thread(() -> {
                try {
                    work.call();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                }
            }, name);
            thread.setDaemon(true);
        }

        static Attempt start(String name, Callable<?> work) {
            Attempt attempt = new Attempt(name, work);
            attempt.thread.start();
            return attempt;
        }

        boolean done() {
            return done;
        }

        Throwable failure() {
            return failure;
        }

        void join() throws InterruptedException {
            thread.join(REACH.toMillis());
            assertThat(done).as(thread.getName() + " ended once the lock was free").isTrue();
        }
    }
}
