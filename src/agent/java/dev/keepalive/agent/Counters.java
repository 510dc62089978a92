package dev.keepalive.agent;

import java.util.concurrent.atomic.LongAdder;

/** What the agent has done since it started; safe to update from any thread. */
final class Counters {

    /** TCP connections reported by the instrumented JDK methods. */
    final LongAdder seen = new LongAdder();
    /** Connections that got the settings. */
    final LongAdder applied = new LongAdder();
    /** Connections left alone because the direction or the rules do not cover them. */
    final LongAdder skipped = new LongAdder();
    /** Connections whose settings could not be applied; each went on without them. */
    final LongAdder failed = new LongAdder();
    /** Times something turned {@code SO_KEEPALIVE} off on a covered connection and the agent kept it on. */
    final LongAdder keptOn = new LongAdder();
}
