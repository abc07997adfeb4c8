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
import java.util.concurrent.TimeUnit;
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
    private final Admission admission;
    private final DeadlineWatch<I, O> deadlines;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Replica<I, O>> replicaList = new ArrayList<>();
    private volatile boolean stopped;
    private final Tracing tracing;

    public RequestTarget(String name, TypeToken<I> inputType, TypeToken<O> outputType, int replicas,
            int queueCapacity, boolean rejectWhenFull, Lifecycle lifecycle, ScheduledExecutorService timers,
            Tracing tracing) {
        this.tracing = tracing;
        this.name = name;
        this.inputType = inputType;
        this.outputType = outputType;
        this.input = Codec.of(inputType);
        this.output = Codec.of(outputType);
        this.replicas = replicas;
        this.queue = new JobQueue<>(replicas);
        this.admission = new Admission(name, queueCapacity, rejectWhenFull, metrics);
        this.lifecycle = lifecycle;
        this.timers = timers;
        this.deadlines = new DeadlineWatch<>(name, timers, queue, replicaList, metrics);
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
        return admission.pending();
    }

    /** Replicas running a call right now (or holding their instance between calls taken back to back). */
    public int busyReplicas() {
        int busy = 0;
        for (Replica<I, O> replica : replicaList) {
            if (replica.busy()) {
                busy++;
            }
        }
        return busy;
    }

    /** True when no call is queued or running. */
    public boolean idle() {
        return admission.idle();
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
            if (candidate.tryTake()) {
                replica = candidate;
            }
        }
        if (replica == null) {
            return NOT_HERE;
        }
        if (!admission.tryEnter()) {
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
        } catch (Throwable thrown) {
            long end = System.nanoTime();
            replica.counters.finished(start, end, true);
            failed(traced, thrown);
            throw Outcomes.failure(name, thrown, call.deadlineNanos(), end,
                    () -> new BusTimeoutException(name, Duration.ofNanos(call.deadlineNanos() - start)));
        } finally {
            if (traced != null) {
                traced.close();
            }
            late.cancel(false);
            holder.call = callBefore;
            admission.leave(1);
            replica.release();
        }
    }

    /**
     * Stops the replicas once they are idle; calls still queued then are not run: they fail with a
     * {@link BusException} saying the handler is stopped, as do calls made from now on.
     */
    public void stop() {
        stopped = true;
        workers.forEach(Thread::interrupt);
    }

    /** Makes a call and waits for it until its deadline. */
    public O call(I value, CallInfo call) {
        Job<I, O> job = Job.blocking(value, call);
        JobQueue.Taker.beforeBlocking();
        enqueue(job);
        return job.await(name, metrics);
    }

    /** Starts a call; the future completes with the output or a {@link BusException}, at the latest at its deadline. */
    public CompletableFuture<O> submit(I value, CallInfo call) {
        Job<I, O> job = Job.withFuture(value, call);
        enqueue(job);
        deadlines.watch(call.deadlineNanos());
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
        if (!admission.tryEnter()) {
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
        if (stopped || lifecycle.state() == Lifecycle.State.STOPPED) {
            throw stoppedFailure();
        }
    }

    private BusException stoppedFailure() {
        return new BusException(name, "Handler '" + name + "' is stopped: its manager has shut down", null);
    }

    private void enqueue(Job<I, O> job) {
        checkRunning();
        admission.enter(job.call.deadlineNanos());
        queue.put(job);
    }

    private void serve(Replica<I, O> replica) {
        try {
            serveCalls(replica);
        } finally {
            if (stopped) {
                failQueued();
            }
        }
    }

    /**
     * A replica ends with its manager: the calls still queued fail now, rather than at their deadline, or
     * never for a future (its deadline's timer stops with the manager) or a dispatched call. The replicas
     * that end take from the queue as they always do, so several may do this at once.
     */
    private void failQueued() {
        for (Job<I, O> job = queue.poll(); job != null; job = queue.poll()) {
            if (job.begin()) {                       // false: its caller gave up already
                job.fail(stoppedFailure());
            }
            admission.leave(1);
        }
    }

    private void serveCalls(Replica<I, O> replica) {
        CurrentTrace.Holder current = CurrentTrace.holderOfThisThread();
        JobQueue.Taker taker = JobQueue.Taker.ofThisThread();
        // Permits go back in batches, all of them before the replica parks (see Admission).
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
                    replica.releaseOwn();
                    holding = false;
                }
                admission.leave(done);
                done = 0;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                now = System.nanoTime();
            }
            boolean watched = job.completesAFuture();
            if (watched) {
                replica.taken(job);
                deadlines.watch(job.call.deadlineNanos());
            }
            if (!holding) {
                if (!replica.tryTake()) {
                    if (!replica.claim(() -> stopped)) {
                        job.fail(stoppedFailure());
                        admission.leave(done + 1);
                        return;
                    }
                    now = System.nanoTime();         // it waited for a caller running the instance
                }
                holding = true;
            }
            try {
                now = run(replica.instance, job, replica.counters, current, taker, now);
            } finally {
                if (watched) {
                    replica.finished();
                }
                if (++done == admission.releaseBatch) {
                    admission.leave(done);
                    done = 0;
                }
            }
        }
        if (holding) {
            replica.releaseOwn();
        }
        admission.leave(done);
    }

    /** Runs one job that was taken at {@code start}; returns when it ended, by the clock. */
    private long run(RequestHandler<I, O> instance, Job<I, O> job, HandlerMetrics.Replica counters,
            CurrentTrace.Holder current, JobQueue.Taker taker, long start) {
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
            taker.finishing(queue);
            job.succeed(output);
            counters.finished(start, end, false);
            return end;
        } catch (Throwable thrown) {
            long end = System.nanoTime();
            counters.finished(start, end, true);
            failed(traced, thrown);
            taker.finishing(queue);
            job.fail(Outcomes.failure(name, thrown, job.call.deadlineNanos(), end,
                    () -> job.timedOutRunning(name, start)));
            return end;
        } finally {
            taker.finished();
            if (traced != null) {
                traced.close();
            }
            // A handler's stray interrupt must not stop the replica. Read first: on a virtual thread,
            // clearing takes a lock, which cost fire and forget an eighth of its time when done every call.
            if (Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
            }
        }
    }

    private static void failed(TracedRun traced, Throwable thrown) {
        if (traced != null) {
            traced.failed(thrown);
        }
    }
}
