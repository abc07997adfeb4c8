package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The room in a handler's queue: a permit stands for a call queued or running. A caller takes one before
 * its call is queued, waiting until its deadline when there is none (or refused at once with
 * {@code rejectWhenQueueFull}); a replica gives them back in batches, all of them before it parks, so that a
 * busy replica does not fight its callers over the semaphore.
 */
final class Admission {
    private final String name;
    private final Semaphore capacity;
    private final int queueCapacity;
    private final boolean rejectWhenFull;
    private final HandlerMetrics metrics;
    /** Permits a busy replica gives back at once: a few, and a small share of a small queue. */
    final int releaseBatch;

    Admission(String name, int queueCapacity, boolean rejectWhenFull, HandlerMetrics metrics) {
        this.name = name;
        this.capacity = new Semaphore(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.rejectWhenFull = rejectWhenFull;
        this.metrics = metrics;
        this.releaseBatch = Math.max(1, Math.min(64, queueCapacity / 16));
    }

    /** A permit if one is free now. */
    boolean tryEnter() {
        return capacity.tryAcquire();
    }

    /**
     * A permit, waiting for one until {@code deadlineNanos}.
     *
     * @throws BusException the queue is full and {@code rejectWhenQueueFull} is set, or the wait was interrupted
     * @throws ReplicaTimeoutException the deadline passed before a permit was free
     */
    void enter(long deadlineNanos) {
        if (!capacity.tryAcquire()) {
            waitForRoom(deadlineNanos);      // apart, so that this hot method stays small enough to inline
        }
    }

    private void waitForRoom(long deadlineNanos) {
        if (rejectWhenFull) {
            metrics.rejected();
            throw new BusException(name, "The queue of handler '" + name + "' is full (" + queueCapacity
                    + " calls)", null);
        }
        long remaining = deadlineNanos - System.nanoTime();
        try {
            if (remaining > 0 && capacity.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException(name, "Interrupted while waiting for room in the queue of '" + name + "'", e);
        }
        metrics.timedOut();
        throw new ReplicaTimeoutException(name, Duration.ofNanos(Math.max(0, remaining)));
    }

    /** Gives back {@code permits} (calls that ended, or were never run). */
    void leave(int permits) {
        if (permits > 0) {
            capacity.release(permits);
        }
    }

    /** Calls queued or running right now. */
    int pending() {
        return queueCapacity - capacity.availablePermits();
    }

    /** True when no call is queued or running. */
    boolean idle() {
        return capacity.availablePermits() == queueCapacity;
    }
}
