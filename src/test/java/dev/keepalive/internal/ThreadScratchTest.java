package dev.keepalive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which block each kind of thread gets, and how many blocks are made. */
class ThreadScratchTest {

    private final AtomicInteger made = new AtomicInteger();
    private final ThreadScratch<MemorySegment> scratch = new ThreadScratch<>(arena -> {
        made.incrementAndGet();
        return arena.allocate(4);
    });

    @Test
    void aPlatformThreadKeepsOneBlockForItsLife() {
        MemorySegment first = scratch.take();
        scratch.give(first);
        MemorySegment second = scratch.take();
        scratch.give(second);

        assertThat(second).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void virtualThreadsOneAfterAnotherShareOnePooledBlock() throws InterruptedException {
        List<MemorySegment> seen = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Thread thread = Thread.ofVirtual().start(() -> {
                MemorySegment block = scratch.take();
                synchronized (seen) {
                    seen.add(block);
                }
                scratch.give(block);
            });
            thread.join();
        }

        assertThat(seen).hasSize(1000);
        assertThat(seen).allSatisfy(block -> assertThat(block).isSameAs(seen.get(0)));
        assertThat(made).as("one block for a thousand virtual threads").hasValue(1);
    }

    @Test
    void virtualThreadsInsideOneCallAtOnceGetDistinctBlocks() throws InterruptedException {
        MemorySegment[] held = new MemorySegment[2];
        Thread first = Thread.ofVirtual().unstarted(() -> held[0] = scratch.take());
        Thread second = Thread.ofVirtual().unstarted(() -> held[1] = scratch.take());
        first.start();
        first.join();
        second.start();
        second.join();

        assertThat(held[1]).as("a block not given back is not lent again").isNotSameAs(held[0]);
        assertThat(made).hasValue(2);
    }
}
