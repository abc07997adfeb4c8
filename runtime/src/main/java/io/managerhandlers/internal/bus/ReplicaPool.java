package io.managerhandlers.internal.bus;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle instances of one handler: a call takes one and gives it back, so no more than {@code replicas}
 * calls run at once and no instance is used by two calls at a time.
 */
public final class ReplicaPool<H> {
    private final ArrayBlockingQueue<H> idle;
    private final int size;
    private final HandlerMetrics metrics = new HandlerMetrics();
    /** Callers waiting for an instance: counted only on that slow path. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final HandlerMetrics.Replica counters = metrics.shared();

    public ReplicaPool(int size) {
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size, true);
    }

    /** Adds the instances, once, before the first call. */
    public void fill(List<? extends H> instances) {
        if (instances.size() != size || !idle.isEmpty()) {
            throw new IllegalStateException("A pool of " + size + " takes " + size + " instances, once");
        }
        idle.addAll(instances);
    }

    /** An idle instance, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()}); null then. */
    public H acquire(long deadlineNanos) throws InterruptedException {
        H instance = idle.poll();
        if (instance != null) {
            return instance;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return null;
        }
        waiting.incrementAndGet();
        try {
            return idle.poll(remaining, TimeUnit.NANOSECONDS);
        } finally {
            waiting.decrementAndGet();
        }
    }

    public void release(H instance) {
        idle.offer(instance);
    }

    public int size() {
        return size;
    }

    public HandlerMetrics metrics() {
        return metrics;
    }

    /** The counters of the calls run with this pool's instances, written by every caller. */
    public HandlerMetrics.Replica counters() {
        return counters;
    }

    /** Callers waiting for an idle instance right now. */
    public int waiting() {
        return waiting.get();
    }

    /** Instances in use right now. */
    public int busy() {
        return size - idle.size();
    }
}
