package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.TypeToken;
import io.managerhandlers.internal.json.Codec;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Traced;
import io.managerhandlers.internal.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One request handler: a bounded queue of calls, served by one virtual thread per replica, each with its
 * own instance. Concurrency is bounded by construction (a replica runs one call at a time), calls are
 * taken in the order they came, and nothing polls: idle replicas park on the queue, blocked callers on
 * their job. A full queue holds its callers back until their deadline.
 */
public final class RequestTarget<I, O> {
    private final String name;
    private final TypeToken<I> inputType;
    private final TypeToken<O> outputType;
    private final Codec<I> input;
    private final Codec<O> output;
    private final int replicas;
    private final Lifecycle lifecycle;
    private final ScheduledExecutorService timers;
    private final HandlerMetrics metrics = new HandlerMetrics();
    private final JobQueue<I, O> queue;
    private final Semaphore capacity;
    private final int queueCapacity;
    /** Permits a busy replica gives back at once: a few, and a small share of a small queue. */
    private final int releaseBatch;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Replica<I, O>> replicaList = new ArrayList<>();
    private volatile boolean stopped;

    private final boolean rejectWhenFull;
    private final Tracing tracing;

    public RequestTarget(String name, TypeToken<I> inputType, TypeToken<O> outputType, int replicas,
            int queueCapacity, boolean rejectWhenFull, Lifecycle lifecycle, ScheduledExecutorService timers,
            Tracing tracing) {
        this.tracing = tracing;
        this.rejectWhenFull = rejectWhenFull;
        this.name = name;
        this.inputType = inputType;
        this.outputType = outputType;
        this.input = Codec.of(inputType);
        this.output = Codec.of(outputType);
        this.replicas = replicas;
        this.queue = new JobQueue<>(replicas);
        this.queueCapacity = queueCapacity;
        this.capacity = new Semaphore(queueCapacity);
        this.releaseBatch = Math.max(1, Math.min(64, queueCapacity / 16));
        this.lifecycle = lifecycle;
        this.timers = timers;
    }

    public String name() {
        return name;
    }

    public TypeToken<I> inputType() {
        return inputType;
    }

    public TypeToken<O> outputType() {
        return outputType;
    }

    public Codec<I> input() {
        return input;
    }

    public Codec<O> output() {
        return output;
    }

    public int replicas() {
        return replicas;
    }

    public HandlerMetrics metrics() {
        return metrics;
    }

    /** Its manager's tracing: spans for the calls to it and its runs, with an SDK. */
    public Tracing tracing() {
        return tracing;
    }

    /** Calls queued or running right now. */
    public int pending() {
        return queueCapacity - capacity.availablePermits();
    }

    /** Replicas running a call right now (or holding their instance between calls taken back to back). */
    public int busyReplicas() {
        int busy = 0;
        for (Replica<I, O> replica : replicaList) {
            if (replica.busy.get()) {
                busy++;
            }
        }
        return busy;
    }

    /** True when no call is queued or running. */
    public boolean idle() {
        return capacity.availablePermits() == queueCapacity;
    }

    /**
     * One instance and who runs it: its replica's thread, or for a moment a caller that found it idle
     * ({@link #callHere}). Whoever sets {@code busy} runs it; the replica's thread waits for a caller to let go.
     */
    private static final class Replica<I, O> {
        final RequestHandler<I, O> instance;
        /** Written only by whoever holds {@code busy}, which orders them. */
        final HandlerMetrics.Replica counters;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Thread waiting;

        Replica(RequestHandler<I, O> instance, HandlerMetrics.Replica counters) {
            this.instance = instance;
            this.counters = counters;
        }

        void release() {
            busy.set(false);
            Thread worker = waiting;
            if (worker != null) {
                LockSupport.unpark(worker);
            }
        }
    }

    /** What {@link #callHere} returns when it could not run the call on the calling thread. */
    public static final Object NOT_HERE = new Object();

    /** Starts one virtual thread per instance; each serves calls with its own instance only. */
    public void start(List<? extends RequestHandler<I, O>> instances) {
        for (int i = 0; i < instances.size(); i++) {
            Replica<I, O> replica = new Replica<>(instances.get(i), metrics.replica());
            replicaList.add(replica);
            workers.add(Thread.ofVirtual().name("mh-" + name + "-" + i).start(() -> serve(replica)));
        }
    }

    /**
     * Runs the call on the calling thread when a replica is idle and no call is queued, so that a blocking
     * caller (an HTTP request) costs no hand-off between threads; otherwise returns {@link #NOT_HERE}, and
     * the caller uses {@link #call}. The replica bound holds either way: the caller runs an idle replica's
     * own instance, which its thread then waits for. The calling thread runs the handler to its end, so it
     * cannot stop waiting at the deadline: {@code onDeadline} runs on the timer thread if the deadline passes
     * first, for the caller to answer on time.
     *
     * @return the output, or {@link #NOT_HERE}
     * @throws HandlerException the handler threw
     * @throws BusTimeoutException a call the handler made ran out of this call's deadline
     */
    public Object callHere(I value, CallInfo call, Runnable onDeadline) {
        if (stopped || !queue.isEmpty()) {
            return NOT_HERE;                         // calls that came first go first
        }
        Replica<I, O> replica = null;
        for (int i = 0; i < replicaList.size() && replica == null; i++) {
            Replica<I, O> candidate = replicaList.get(i);
            if (!candidate.busy.get() && candidate.busy.compareAndSet(false, true)) {
                replica = candidate;
            }
        }
        if (replica == null) {
            return NOT_HERE;
        }
        if (!capacity.tryAcquire()) {
            replica.release();
            return NOT_HERE;
        }
        long start = System.nanoTime();
        ScheduledFuture<?> late = timers.schedule(onDeadline, call.deadlineNanos() - start, TimeUnit.NANOSECONDS);
        replica.counters.started();
        TracedRun traced = TracedRun.start(tracing, name, call);
        CallInfo running = traced == null ? call : traced.call();
        // This thread runs the call now, so that the calls it makes name it as their source; put back after.
        CurrentTrace.Holder holder = CurrentTrace.holderMade();
        Traced callBefore = holder.call;
        CallInfo.run(holder, running);
        try {
            O output = replica.instance.handle(value, running);
            replica.counters.finished(start, System.nanoTime(), false);
            return output;
        } catch (BusTimeoutException inner) {
            replica.counters.finished(start, System.nanoTime(), true);
            failed(traced, inner);
            boolean expired = call.deadlineNanos() - System.nanoTime() <= 0;
            throw expired ? new BusTimeoutException(name, Duration.ofNanos(call.deadlineNanos() - start))
                    : new HandlerException(name, inner);
        } catch (Throwable thrown) {
            replica.counters.finished(start, System.nanoTime(), true);
            failed(traced, thrown);
            throw new HandlerException(name, thrown);
        } finally {
            if (traced != null) {
                traced.close();
            }
            late.cancel(false);
            holder.call = callBefore;
            capacity.release();
            replica.release();
        }
    }

    /** Stops the replicas once they are idle; calls still queued then are not run. */
    public void stop() {
        stopped = true;
        workers.forEach(Thread::interrupt);
    }

    /** Makes a call and waits for it until its deadline. */
    public O call(I value, CallInfo call) {
        Job<I, O> job = Job.blocking(value, call);
        enqueue(job);
        return job.await(name, metrics);
    }

    /** Starts a call; the future completes with the output or a {@link BusException}, at the latest at its deadline. */
    public CompletableFuture<O> submit(I value, CallInfo call) {
        Job<I, O> job = Job.withFuture(value, call);
        enqueue(job);
        long remaining = call.deadlineNanos() - System.nanoTime();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            metrics.timedOut();
            job.fail(job.timeout(name));
        }, remaining, TimeUnit.NANOSECONDS);
        job.future().whenComplete((out, failure) -> timer.cancel(false));
        return job.future();
    }

    /**
     * Starts a call whose outcome goes to {@code onDone} (output or failure) when it ends; nothing times it
     * out here, and a call whose deadline passed while queued is failed, never run. For calls whose caller
     * keeps its own time, such as those from other instances.
     */
    public void submit(I value, CallInfo call, BiConsumer<? super O, ? super BusException> onDone) {
        enqueue(Job.withCallback(value, call, onDone));
    }

    /**
     * {@link #submit(Object, CallInfo, BiConsumer)} that never waits, for threads that must not block (an
     * event loop): false, and nothing queued, when the queue is full.
     */
    public boolean trySubmit(I value, CallInfo call, BiConsumer<? super O, ? super BusException> onDone) {
        checkRunning();
        if (!capacity.tryAcquire()) {
            return false;
        }
        queue.put(Job.withCallback(value, call, onDone));
        return true;
    }

    /** Starts a call nobody waits for; a failure goes to {@code onFailure}. */
    public void dispatch(I value, CallInfo call, Consumer<? super BusException> onFailure) {
        enqueue(Job.dispatched(value, call, onFailure));
    }

    private void checkRunning() {
        if (lifecycle.state() == Lifecycle.State.STOPPED) {
            throw new BusException(name, "Handler '" + name + "' is stopped: its manager has shut down", null);
        }
    }

    private void enqueue(Job<I, O> job) {
        checkRunning();
        if (!capacity.tryAcquire()) {
            waitForRoom(job);
        }
        queue.put(job);
    }

    private void waitForRoom(Job<I, O> job) {
        if (rejectWhenFull) {
            metrics.rejected();
            throw new BusException(name, "The queue of handler '" + name + "' is full (" + queueCapacity
                    + " calls)", null);
        }
        long remaining = job.call.deadlineNanos() - System.nanoTime();
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

    private void serve(Replica<I, O> replica) {
        CurrentTrace.Holder current = CurrentTrace.holderOfThisThread();
        // A permit stands for a call queued or running (see idle()); they go back in batches, and all of
        // them before the replica parks, so a busy replica does not fight its callers over the semaphore.
        // The instance is held from the first call taken until the queue is empty, not call by call: a
        // caller may only run it itself (callHere) while the replica has nothing queued.
        // One clock reading per call: the end of one call is the start of the next taken straight after it.
        int done = 0;
        boolean holding = false;
        long now = System.nanoTime();
        while (!stopped) {
            Job<I, O> job = queue.poll();
            if (job == null) {
                if (holding) {
                    replica.busy.set(false);
                    holding = false;
                }
                if (done > 0) {
                    capacity.release(done);
                    done = 0;
                }
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                now = System.nanoTime();
            }
            if (!holding) {
                if (!replica.busy.compareAndSet(false, true)) {
                    if (!claim(replica)) {
                        job.fail(new BusException(name, "Handler '" + name + "' is stopped: its manager has shut down",
                                null));
                        capacity.release(done + 1);
                        return;
                    }
                    now = System.nanoTime();         // it waited for a caller running the instance
                }
                holding = true;
            }
            try {
                now = run(replica.instance, job, replica.counters, current, now);
            } finally {
                if (++done == releaseBatch) {
                    capacity.release(done);
                    done = 0;
                }
            }
        }
        if (holding) {
            replica.busy.set(false);
        }
        capacity.release(done);
    }

    /** The replica's thread takes its instance back from a caller running it, waiting until it lets go. */
    private boolean claim(Replica<I, O> replica) {
        replica.waiting = Thread.currentThread();
        try {
            while (!replica.busy.compareAndSet(false, true)) {
                if (stopped) {
                    return false;
                }
                LockSupport.park(replica);
                Thread.interrupted();
            }
            return true;
        } finally {
            replica.waiting = null;
        }
    }

    /** Runs one job that was taken at {@code start}; returns when it ended, by the clock. */
    private long run(RequestHandler<I, O> instance, Job<I, O> job, HandlerMetrics.Replica counters,
            CurrentTrace.Holder current, long start) {
        if (!job.begin()) {
            return start;                            // its caller gave up: never run it
        }
        CallInfo.run(current, job.call);             // replaced by the next call's: never cleared
        if (job.call.deadlineNanos() - start <= 0) {
            metrics.timedOut();                      // expired while queued: not run either
            job.fail(new ReplicaTimeoutException(name, Duration.ZERO));
            return start;
        }
        counters.started();
        TracedRun traced = TracedRun.start(tracing, name, job.call);
        if (traced != null) {
            CallInfo.run(current, traced.call());
        }
        try {
            O output = instance.handle(job.input, traced == null ? job.call : traced.call());
            long end = System.nanoTime();
            job.succeed(output);
            counters.finished(start, end, false);
            return end;
        } catch (BusTimeoutException inner) {
            long end = System.nanoTime();
            counters.finished(start, end, true);
            failed(traced, inner);
            // A call it made ran out of this call's own deadline: to its caller, this call timed out.
            job.fail(job.call.deadlineNanos() - end <= 0 ? job.timedOutRunning(name, start)
                    : new HandlerException(name, inner));
            return end;
        } catch (Throwable thrown) {
            long end = System.nanoTime();
            counters.finished(start, end, true);
            failed(traced, thrown);
            job.fail(new HandlerException(name, thrown));
            return end;
        } finally {
            if (traced != null) {
                traced.close();
            }
            Thread.interrupted();                    // a handler's stray interrupt must not stop the replica
        }
    }

    private static void failed(TracedRun traced, Throwable thrown) {
        if (traced != null) {
            traced.failed(thrown);
        }
    }
}
