package io.managerhandlers.internal.bus;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deadlines of one handler's calls that complete a future ({@code publishAsync}), kept with one timer
 * for all of them rather than one per call. A timer per call cost more than the rest of the call: each
 * took the scheduler's lock twice (schedule, then cancel), and with several replicas the two cores fought
 * over it; asynchronous chains ran 4× faster without it.
 *
 * <p>A sweep runs on the timer thread at the earliest deadline anyone asked for. It fails every call
 * still waiting or running whose deadline has passed, then asks for a sweep at the earliest deadline left.
 * A call asks when its deadline is earlier than the sweep already asked for, which, with one timeout for
 * all calls, is only the first call after a sweep: the others pay one read. A call is asked for twice,
 * once put in the queue and once taken by a replica, so that a sweep that looked between the two cannot
 * miss it: each side writes before it reads what the other writes (the queue, or {@code running}, against
 * {@link #nextSweep}), so one of them sees the other.
 */
final class DeadlineWatch<I, O> {
    private final String name;
    private final ScheduledExecutorService timers;
    private final JobQueue<I, O> queue;
    private final List<Replica<I, O>> replicas;
    private final HandlerMetrics metrics;
    /** When the next sweep runs, or null while none is asked for (and while a sweep runs). */
    private final AtomicReference<Sweep> nextSweep = new AtomicReference<>();

    /** A sweep asked for at {@code atNanos} ({@link System#nanoTime()}). */
    private record Sweep(long atNanos) {
    }

    DeadlineWatch(String name, ScheduledExecutorService timers, JobQueue<I, O> queue, List<Replica<I, O>> replicas,
            HandlerMetrics metrics) {
        this.name = name;
        this.timers = timers;
        this.queue = queue;
        this.replicas = replicas;
        this.metrics = metrics;
    }

    /** Makes sure that a sweep runs at or before {@code deadlineNanos}. */
    void watch(long deadlineNanos) {
        for (;;) {
            Sweep next = nextSweep.get();
            if (next != null && next.atNanos() - deadlineNanos <= 0) {
                return;
            }
            if (nextSweep.compareAndSet(next, new Sweep(deadlineNanos))) {
                try {
                    timers.schedule(this::sweep, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopped) {
                    // The manager has stopped, and its timers with it; a replica may still be finishing.
                }
                return;
            }
        }
    }

    /** Fails the calls whose deadline has passed, and asks for the next sweep. One at a time. */
    private synchronized void sweep() {
        nextSweep.set(null);                         // from here on, a call with a deadline asks again
        long now = System.nanoTime();
        Earliest earliest = new Earliest();
        for (Replica<I, O> replica : replicas) {
            Job<I, O> running = replica.running();
            if (running != null) {
                expireOrNote(running, now, earliest);
            }
        }
        queue.forEachWaiting(job -> expireOrNote(job, now, earliest));
        if (earliest.any) {
            watch(earliest.nanos);
        }
    }

    private void expireOrNote(Job<I, O> job, long now, Earliest earliest) {
        if (!job.completesAFuture() || job.future().isDone()) {
            return;
        }
        long deadline = job.call.deadlineNanos();
        if (deadline - now <= 0) {
            metrics.timedOut();
            job.fail(job.timeout(name));
        } else if (!earliest.any || deadline - earliest.nanos < 0) {
            earliest.any = true;
            earliest.nanos = deadline;
        }
    }

    /** The earliest deadline not yet passed that a sweep saw. */
    private static final class Earliest {
        boolean any;
        long nanos;
    }
}
