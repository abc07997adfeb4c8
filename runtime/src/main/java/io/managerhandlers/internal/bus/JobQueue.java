package io.managerhandlers.internal.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of one handler's calls: many callers put, the handler's replicas take, in the order the calls
 * came. The jobs are the queue's own nodes (Vyukov's intrusive multi-producer queue): putting a call is one
 * atomic exchange and one store, with nothing allocated, and callers and replicas share no memory but the
 * job that passes between them. {@link java.util.concurrent.LinkedTransferQueue}, which this replaced,
 * allocates a node per call and has callers and replicas contend on the same nodes; fire-and-forget ran
 * about 1.3× slower on it.
 *
 * <p>Replicas take one at a time (a lock only they use; with one replica, none). A replica with
 * nothing to do parks after registering as a waiter; a caller wakes one waiter after putting a call. The
 * waiter registers before it looks at the queue one last time and the caller puts before it looks for
 * waiters, both with full fences, so one of them always sees the other: no call is left with every
 * replica asleep. Nothing polls: an idle replica stays parked until a call comes or it is stopped.
 */
final class JobQueue<I, O> {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle NEXT;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(JobQueue.class, "tail", Job.class);
            HEAD = MethodHandles.lookup().findVarHandle(JobQueue.class, "head", Job.class);
            NEXT = MethodHandles.lookup().findVarHandle(Job.class, "next", Job.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The newest job, or the stub when the queue was never used; written by callers only. */
    @SuppressWarnings("unused") // through TAIL
    private volatile Job<I, O> tail;
    /** The job taken last (or the stub): its {@code next} is the oldest job waiting. Guarded by takeLock. */
    private Job<I, O> head;
    /** Null with a single replica, the only thread that takes. */
    private final ReentrantLock takeLock;
    /** The replicas parked for want of calls, newest first. */
    private final AtomicReference<Waiter> waiters = new AtomicReference<>();

    /** A queue taken from by {@code replicas} threads. */
    JobQueue(int replicas) {
        this.takeLock = replicas > 1 ? new ReentrantLock() : null;
        Job<I, O> stub = Job.stub();
        head = stub;
        tail = stub;
    }

    /** Puts a job at the end, and wakes a parked replica if there is one. A job is put once only. */
    void put(Job<I, O> job) {
        @SuppressWarnings("unchecked")
        Job<I, O> previous = (Job<I, O>) TAIL.getAndSet(this, job);
        NEXT.setRelease(previous, job);              // the job's fields are visible before it is
        if (waiters.get() != null) {
            wakeOne();
        }
    }

    /**
     * Whether no job waits, as seen from any thread, without taking the replicas' lock: a hint, right at
     * the moment it is read. The tail only moves forward and the head never passes it, so an older head
     * read here can make a queue that was just emptied look busy, never the other way round.
     */
    boolean isEmpty() {
        return HEAD.getOpaque(this) == tail;
    }

    /** The oldest job, or null when there is none. */
    Job<I, O> poll() {
        if (takeLock == null) {
            return unlinkFirst();
        }
        takeLock.lock();
        try {
            return unlinkFirst();
        } finally {
            takeLock.unlock();
        }
    }

    private Job<I, O> unlinkFirst() {
        Job<I, O> first = next(head);
        if (first == null) {
            if (head == tail) {
                return null;
            }
            // A caller has swapped the tail but not linked its job yet: a matter of instructions.
            while ((first = next(head)) == null) {
                Thread.onSpinWait();
            }
        }
        head.next = null;                            // the old head is garbage now; do not chain it to the rest
        head = first;
        return first;
    }

    @SuppressWarnings("unchecked")
    private static <I, O> Job<I, O> next(Job<I, O> job) {
        return (Job<I, O>) NEXT.getAcquire(job);
    }

    /** The oldest job, parking until there is one. */
    Job<I, O> take() throws InterruptedException {
        for (;;) {
            Job<I, O> job = poll();
            if (job != null) {
                return job;
            }
            Waiter waiter = new Waiter(Thread.currentThread());
            Waiter top;
            do {
                top = waiters.get();
                waiter.below = top;
            } while (!waiters.compareAndSet(top, waiter));
            job = poll();                            // a job put before we registered: we may not be woken for it
            if (job != null) {
                waiter.cancel();
                return job;
            }
            while (!waiter.woken()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    waiter.cancel();
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Wakes the most recently parked replica that still waits; cancelled waiters are dropped on the way. */
    private void wakeOne() {
        for (;;) {
            Waiter top = waiters.get();
            if (top == null) {
                return;
            }
            if (waiters.compareAndSet(top, top.below) && top.wake()) {
                return;
            }
        }
    }

    /** A replica parked in {@link #take()}. Exactly one of {@link #wake()} and {@link #cancel()} wins. */
    private static final class Waiter {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static final int WAITING = 0;
        private static final int WOKEN = 1;
        private static final int CANCELLED = 2;

        final Thread thread;
        Waiter below;
        @SuppressWarnings("unused") // through STATE
        private volatile int state;

        Waiter(Thread thread) {
            this.thread = thread;
        }

        boolean wake() {
            if (STATE.compareAndSet(this, WAITING, WOKEN)) {
                LockSupport.unpark(thread);
                return true;
            }
            return false;
        }

        void cancel() {
            STATE.compareAndSet(this, WAITING, CANCELLED);
        }

        boolean woken() {
            return state == WOKEN;
        }
    }
}
