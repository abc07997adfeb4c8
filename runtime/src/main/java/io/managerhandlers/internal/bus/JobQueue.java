package io.managerhandlers.internal.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The queue of one handler's calls: many callers put, the handler's replicas take, in the order the calls
 * came. The jobs are the queue's own nodes (Vyukov's intrusive multi-producer queue): putting a call is one
 * atomic exchange and one store, with nothing allocated, and callers and replicas share no memory but the
 * job that passes between them. {@link java.util.concurrent.LinkedTransferQueue}, which this replaced,
 * allocates a node per call and has callers and replicas contend on the same nodes; fire-and-forget ran
 * about 1.3× slower on it.
 *
 * <p>Replicas take by moving the head with a compare-and-set (with one replica, a plain store): a lock
 * here parked and woke the replicas of a busy handler against each other, and fire and forget with 64
 * replicas ran at 0.4–0.6 of one replica's rate on it. The nodes are never reused, so the head cannot come back
 * to a node a late replica still holds (no ABA). A replica with
 * nothing to do parks after registering as a waiter; a caller wakes one waiter after putting a call, unless
 * a replica woken before is still on its way (that one wakes the next if calls are left, see {@link #take()}).
 * The waiter registers before it looks at the queue one last time and the caller puts before it looks for
 * waiters, both with full fences, so one of them always sees the other: no call is left with every
 * replica asleep. Nothing polls: an idle replica stays parked until a call comes or it is stopped.
 */
final class JobQueue<I, O> {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle NEXT;
    private static final VarHandle WAKING;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(JobQueue.class, "tail", Job.class);
            HEAD = MethodHandles.lookup().findVarHandle(JobQueue.class, "head", Job.class);
            NEXT = MethodHandles.lookup().findVarHandle(Job.class, "next", Job.class);
            WAKING = MethodHandles.lookup().findVarHandle(JobQueue.class, "waking", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The newest job, or the stub when the queue was never used; written by callers only. */
    @SuppressWarnings("unused") // through TAIL
    private volatile Job<I, O> tail;
    /**
     * The job taken last (or the stub): its {@code next} is the oldest job waiting. Moved by a
     * compare-and-set when several replicas take; by a release store when a single one does.
     */
    private volatile Job<I, O> head;
    /** Whether several replicas take from this queue. */
    private final boolean shared;
    /** The replicas parked for want of calls, newest first. */
    private final AtomicReference<Waiter> waiters = new AtomicReference<>();
    /**
     * Replicas woken and not yet back at the queue. While one is, a caller wakes no other: that replica passes
     * the wake-up on when it finds more calls waiting than the one it takes (see {@link #take()}).
     */
    @SuppressWarnings("unused") // through WAKING
    private volatile int waking;

    /** A queue taken from by {@code replicas} threads. */
    JobQueue(int replicas) {
        this.shared = replicas > 1;
        Job<I, O> stub = Job.stub();
        head = stub;
        tail = stub;
    }

    /**
     * Puts a job at the end, and wakes a parked replica if there is one, unless the job is left to the
     * replica finishing a call on this thread (see {@link Taker}) or a replica woken before is still on its
     * way (it wakes the next, see {@link #take()}). A job is put once only.
     */
    void put(Job<I, O> job) {
        @SuppressWarnings("unchecked")
        Job<I, O> previous = (Job<I, O>) TAIL.getAndSet(this, job);
        NEXT.setRelease(previous, job);              // the job's fields are visible before it is
        if (waiters.get() != null && !Taker.keeps(this, job) && waking == 0) {
            wakeOne();
        }
    }

    /**
     * A replica's thread, seen from the queues: while it reports the outcome of a call (and runs the
     * callbacks that this completes), it is about to take its own queue's next job. The first job put on
     * that queue from there is left to it, instead of waking a parked replica: the "LIFO slot" of Go's and
     * Tokio's schedulers. An asynchronous chain (the next call sent from the previous one's callback) then
     * stays on one replica, as it does with a single one, where every call otherwise paid for waking
     * another replica and for the finishing one parking.
     *
     * <p>The job kept is the only one that no wake-up stands for, and only while the callbacks run, which
     * must not block (as on any event loop): a second job put there wakes a replica for the kept one too,
     * and so does a blocking call from there, before its caller parks. A blocking call's own job is never
     * kept: its caller, this very thread, would wait for itself. One per replica thread, set once; plain
     * fields, read and written by that thread only.
     */
    static final class Taker {
        private static final ThreadLocal<Taker> OF_THREAD = new ThreadLocal<>();

        /** The queue whose outcome this thread reports, or null. */
        private JobQueue<?, ?> finishing;
        /** Whether a job was put on {@link #finishing} since; only the first may be kept. */
        private boolean put;
        /** Whether {@link #finishing} holds a job kept for this thread, which no wake-up stands for. */
        private boolean kept;

        /** The taker of the calling replica thread. */
        static Taker ofThisThread() {
            Taker taker = new Taker();
            OF_THREAD.set(taker);
            return taker;
        }

        /** The replica is about to report an outcome; it takes from {@code queue} next. */
        void finishing(JobQueue<?, ?> queue) {
            finishing = queue;
            put = false;
        }

        /** The outcome is reported; the replica takes from its queue now (the kept job, or an older one). */
        void finished() {
            finishing = null;
            kept = false;
        }

        /**
         * Whether {@code job}, just put on {@code queue} while replicas sleep, is left to the calling thread;
         * false when a replica is to be woken for it (and one was, now, for a job kept before).
         */
        static boolean keeps(JobQueue<?, ?> queue, Job<?, ?> job) {
            Taker taker = OF_THREAD.get();
            if (taker == null || taker.finishing != queue) {
                return false;
            }
            if (taker.put) {
                taker.wakeForKept();
                return false;
            }
            taker.put = true;
            if (job.blocksItsCaller()) {
                return false;
            }
            taker.kept = true;
            return true;
        }

        /** Before the calling thread blocks on a call: a replica is woken for the job it kept, if any. */
        static void beforeBlocking() {
            Taker taker = OF_THREAD.get();
            if (taker != null) {
                taker.wakeForKept();
            }
        }

        private void wakeForKept() {
            if (kept) {
                finishing.wakeOne();
                kept = false;
            }
        }
    }

    /**
     * Whether no job waits, as seen from any thread, without taking anything: a hint, right at
     * the moment it is read. The tail only moves forward and the head never passes it, so an older head
     * read here can make a queue that was just emptied look busy, never the other way round.
     */
    boolean isEmpty() {
        return HEAD.getOpaque(this) == tail;
    }

    /** The oldest job, or null when there is none. */
    Job<I, O> poll() {
        return shared ? unlinkFirstShared() : unlinkFirst();
    }

    /** {@link #poll()} for the only thread that takes. */
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
        HEAD.setRelease(this, first);                // no fence: only this thread takes
        return first;
    }

    /** {@link #poll()} among replicas that take at once: whoever moves the head past a job has it. */
    @SuppressWarnings("unchecked")
    private Job<I, O> unlinkFirstShared() {
        for (;;) {
            Job<I, O> last = (Job<I, O>) HEAD.getAcquire(this);
            Job<I, O> first = next(last);
            if (first == null) {
                if (HEAD.getAcquire(this) != last) {
                    continue;                        // taken meanwhile, and its link cleared below
                }
                if (last == tail) {
                    return null;
                }
                Thread.onSpinWait();                 // a caller has swapped the tail but not linked its job yet
                continue;
            }
            if (HEAD.compareAndSet(this, last, first)) {
                NEXT.setRelease(last, null);         // garbage now; do not chain it to the rest
                return first;
            }
        }
    }

    /**
     * Shows {@code visitor} the jobs waiting, oldest first, while replicas may take them: a job taken
     * meanwhile may be shown or not, every job waiting throughout is shown once or more.
     */
    @SuppressWarnings("unchecked")
    void forEachWaiting(Consumer<Job<I, O>> visitor) {
        Job<I, O> job = next((Job<I, O>) HEAD.getAcquire(this));
        while (job != null) {
            visitor.accept(job);
            Job<I, O> following = next(job);
            if (following == null && job != tail) {
                // Taken and unlinked behind our back, or its successor not linked yet: go on from the head.
                following = next((Job<I, O>) HEAD.getAcquire(this));
            }
            job = following;
        }
    }

    @SuppressWarnings("unchecked")
    private static <I, O> Job<I, O> next(Job<I, O> job) {
        return (Job<I, O>) NEXT.getAcquire(job);
    }

    /**
     * The oldest job, parking until there is one. A replica woken here is counted in {@link #waking} until it
     * is back at the queue; it then looks at the queue (after the count, with a full fence, as a caller looks
     * at the count after putting, so one of them sees the other) and wakes the next replica if calls are left.
     * Callers that put while a replica was waking woke no one, so a burst of calls wakes the replicas one
     * after another, each as the previous one starts, rather than all at once from the caller's thread.
     */
    Job<I, O> take() throws InterruptedException {
        boolean woken = false;
        for (;;) {
            Job<I, O> job = poll();
            if (job != null) {
                if (woken) {
                    passWakeOn();
                }
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
                stopWaiting(waiter);
                return job;
            }
            while (!waiter.woken()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    stopWaiting(waiter);
                    throw new InterruptedException();
                }
            }
            backFromWake();
            woken = true;
        }
    }

    /** The replica stops waiting; woken meanwhile (for a job or another), it is back and passes the wake-up on. */
    private void stopWaiting(Waiter waiter) {
        if (!waiter.cancel()) {
            backFromWake();
            passWakeOn();
        }
    }

    private void backFromWake() {
        WAKING.getAndAdd(this, -1);                  // a full fence, before this replica looks at the queue
    }

    /** Wakes one more replica if calls still wait and no other replica is on its way to them. */
    private void passWakeOn() {
        if (!isEmpty() && waiters.get() != null && waking == 0) {
            wakeOne();
        }
    }

    /** Wakes the most recently parked replica that still waits; cancelled waiters are dropped on the way. */
    private void wakeOne() {
        for (;;) {
            Waiter top = waiters.get();
            if (top == null) {
                return;
            }
            if (waiters.compareAndSet(top, top.below)) {
                // Counted before it can run, so that it never finds itself counted out of turn.
                WAKING.getAndAdd(this, 1);
                if (top.wake()) {
                    return;
                }
                WAKING.getAndAdd(this, -1);
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

        /** False when it was woken first (and so counted as waking). */
        boolean cancel() {
            return STATE.compareAndSet(this, WAITING, CANCELLED);
        }

        boolean woken() {
            return state == WOKEN;
        }
    }
}
