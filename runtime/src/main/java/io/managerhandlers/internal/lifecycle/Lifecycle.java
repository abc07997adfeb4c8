package io.managerhandlers.internal.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a manager is in its life, and the work in flight that a stop waits for: HTTP requests and handler
 * executions, each counted from the moment it is accepted until it is answered.
 */
public final class Lifecycle {
    /** The states, in order. */
    public enum State { NEW, RUNNING, DRAINING, STOPPED }

    private volatile State state = State.NEW;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public State state() {
        return state;
    }

    public void running() {
        state = State.RUNNING;
    }

    /** True while new HTTP requests are taken; the bus keeps serving while draining. */
    public boolean accepting() {
        return state == State.RUNNING;
    }

    public void enter() {
        inFlight.incrementAndGet();
    }

    public void exit() {
        if (inFlight.decrementAndGet() == 0 && state == State.DRAINING) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Refuses new HTTP requests and waits until nothing is in flight or the timeout passes.
     *
     * @return false when this manager was already draining or stopped (someone else stops it)
     */
    public boolean drain(long timeoutNanos) {
        lock.lock();
        try {
            if (state == State.DRAINING || state == State.STOPPED) {
                return false;
            }
            state = State.DRAINING;
            long remaining = timeoutNanos;
            while (inFlight.get() > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void stopped() {
        state = State.STOPPED;
        stopped.countDown();
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }
}
