package dev.keepalive.internal;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Scratch memory for the native calls' arguments. A platform thread keeps one block for its life, in a
 * {@link ThreadLocal}. A virtual thread borrows a block from a small shared pool for one call and gives it
 * back, so that a server running a virtual thread per connection makes no native allocation, and registers
 * no {@code Cleaner}, per connection: the blocks in use at once are bounded by the carrier threads, since a
 * virtual thread stays mounted during a downcall. A block made when the pool is empty is kept by the pool if
 * a slot is free, otherwise left to its automatic arena.
 *
 * @param <T> the block, made by the factory in a given arena
 */
public final class ThreadScratch<T> {

    private static final int SLOTS = slots();

    private final Function<Arena, T> factory;
    private final ThreadLocal<T> perThread;
    private final AtomicReferenceArray<T> pool = new AtomicReferenceArray<>(SLOTS);

    /**
     * Creates the scratch of one kind of block.
     *
     * @param factory makes a block in the arena given
     */
    public ThreadScratch(Function<Arena, T> factory) {
        this.factory = factory;
        this.perThread = new ThreadLocal<>();
    }

    /**
     * A block for the current thread's next call; give it back with {@link #give} when the call is done.
     *
     * @return the block
     */
    public T take() {
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) {
            T block = perThread.get();
            if (block == null) {
                block = factory.apply(Arena.ofAuto());
                perThread.set(block);
            }
            return block;
        }
        int start = (int) thread.threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            T block = pool.getPlain(slot);
            if (block != null && pool.compareAndSet(slot, block, null)) {
                return block;
            }
        }
        return factory.apply(Arena.ofAuto());
    }

    /**
     * Ends the use of a block taken by this thread.
     *
     * @param block the block {@link #take} returned
     */
    public void give(T block) {
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) {
            return; // the thread's own, kept for its next call
        }
        int start = (int) thread.threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (pool.getPlain(slot) == null && pool.compareAndSet(slot, null, block)) {
                return;
            }
        }
        // the pool is full: the block's automatic arena frees it once it is unreachable
    }

    /** A power of two at least twice the processors, at least 16: more than the carriers of the default scheduler. */
    private static int slots() {
        int wanted = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
