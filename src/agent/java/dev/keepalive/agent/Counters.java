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
    /** Times something set a keep-alive option of a covered connection and the agent kept the policy's value. */
    final LongAdder kept = new LongAdder();
}
