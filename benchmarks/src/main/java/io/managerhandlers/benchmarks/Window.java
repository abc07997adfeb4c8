package io.managerhandlers.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A window of asynchronous requests: {@code inFlight} chains, each issuing its next request when the
 * previous one is answered, until {@code total} requests have been issued; {@link #await()} returns once
 * every chain has received its last reply, i.e. once all {@code total} round trips are complete. Both sides
 * drive it the same way; only how a request is issued and how its reply arrives differs.
 */
final class Window {
    private final AtomicLong budget;
    private final CountDownLatch chains;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Window(int inFlight, long total) {
        this.budget = new AtomicLong(total);
        this.chains = new CountDownLatch(inFlight);
    }

    /** True when the chain may issue one more request; false ends the chain (and counts it as done). */
    boolean next() {
        if (budget.getAndDecrement() > 0) {
            return true;
        }
        chains.countDown();
        return false;
    }

    /** Records a failed round trip; the chain ends and {@link #await()} rethrows it. */
    void fail(Throwable thrown) {
        failure.compareAndSet(null, thrown);
        budget.set(0);
        chains.countDown();
    }

    void await() throws InterruptedException {
        if (!chains.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Requests still outstanding after 60 s");
        }
        Throwable thrown = failure.get();
        if (thrown != null) {
            throw new IllegalStateException("A request failed", thrown);
        }
    }
}
