package io.managerhandlers.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages a consumer has <em>handled</em> and wakes the benchmark thread when a batch is
 * complete, so that fire-and-forget benchmarks measure delivery, not just enqueueing. Used the same way by
 * both sides: the benchmark calls {@link #expect(long)}, sends the batch, then {@link #await()}; the
 * consumer calls {@link #handled()} once per message.
 */
final class Countdown {
    private final AtomicLong handled = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile CountDownLatch done = new CountDownLatch(0);

    /** Arms the countdown for {@code messages} more messages. Call before sending them. */
    void expect(long messages) {
        done = new CountDownLatch(1);
        target = handled.get() + messages; // written after done: a consumer that reads target sees this latch
    }

    /** Called by the consumer, once per message. */
    void handled() {
        if (handled.incrementAndGet() == target) {
            done.countDown();
        }
    }

    /** Waits until every expected message was handled; fails loudly instead of hanging a benchmark. */
    void await() throws InterruptedException {
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Only " + handled.get() + " of " + target + " messages handled after 60 s");
        }
    }
}
