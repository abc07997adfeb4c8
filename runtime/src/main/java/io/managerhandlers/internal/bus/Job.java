package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One call waiting in a handler's queue, and the race between its caller giving up and a replica starting
 * it: exactly one of {@link #begin()} and {@link #abandon()} wins, so a call whose caller gave up never runs.
 * A blocking caller parks on the job itself; an asynchronous one gets a future; a dispatched one neither.
 */
final class Job<I, O> {
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;
    private static final Object NULL = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Job.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final I input;
    final CallInfo call;
    /**
     * Who hears of the outcome: the blocked caller's {@link Thread}, a {@link CompletableFuture}, a
     * {@link BiConsumer} of output and failure, or a {@link Consumer} of the failure of a dispatched call.
     * One field for the four, so that the job of a fire-and-forget call stays small.
     */
    private final Object recipient;
    /** When a caller that keeps time here made the job (blocking or future), for the timeout it reports; else 0. */
    private final long createdNanos;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = WAITING;
    /** The job queued after this one; see {@link JobQueue}, which alone reads and writes it. */
    Job<I, O> next;
    private volatile Object outcome;

    private Job(I input, CallInfo call, Object recipient, long createdNanos) {
        this.input = input;
        this.call = call;
        this.recipient = recipient;
        this.createdNanos = createdNanos;
    }

    /** The placeholder a {@link JobQueue} starts with: never run. */
    static <I, O> Job<I, O> stub() {
        return new Job<>(null, null, null, 0);
    }

    /** A job whose caller blocks in {@link #await}. */
    static <I, O> Job<I, O> blocking(I input, CallInfo call) {
        return new Job<>(input, call, Thread.currentThread(), System.nanoTime());
    }

    /** A job whose outcome completes a future ({@link #future()}). */
    static <I, O> Job<I, O> withFuture(I input, CallInfo call) {
        return new Job<>(input, call, new CompletableFuture<O>(), System.nanoTime());
    }

    /** A job nobody waits for; only a failure is reported, to {@code onFailure}. */
    static <I, O> Job<I, O> dispatched(I input, CallInfo call, Consumer<? super BusException> onFailure) {
        return new Job<>(input, call, onFailure, 0);
    }

    /**
     * A job whose outcome goes to {@code onDone} (an output, or a failure), on the replica's thread; no timer
     * watches it: its caller keeps its own time (a call from another instance, through Redis).
     */
    static <I, O> Job<I, O> withCallback(I input, CallInfo call, BiConsumer<? super O, ? super BusException> onDone) {
        return new Job<>(input, call, onDone, 0);
    }

    /** The future of a job made by {@link #withFuture}. */
    @SuppressWarnings("unchecked")
    CompletableFuture<O> future() {
        return (CompletableFuture<O>) recipient;
    }

    /**
     * A replica takes the job: false when its caller already gave up. Only a caller that waits here can give
     * up, so a dispatched job or one with a callback costs no atomic operation.
     */
    boolean begin() {
        return !keepsTime() || STATE.compareAndSet(this, WAITING, RUNNING);
    }

    /** Whether its outcome completes a future ({@link #withFuture}), whose deadline a {@link DeadlineWatch} keeps. */
    boolean completesAFuture() {
        return recipient instanceof CompletableFuture;
    }

    /** Whether its caller's thread is parked until it ends. */
    boolean blocksItsCaller() {
        return recipient instanceof Thread;
    }

    /** Whether a caller waits for this job with a deadline of its own (blocked, or a future with a timer). */
    private boolean keepsTime() {
        return blocksItsCaller() || completesAFuture();
    }

    /** The caller gives up: true when the handler had not started (and now never will). */
    boolean abandon() {
        return STATE.compareAndSet(this, WAITING, ABANDONED) || state == ABANDONED;
    }

    @SuppressWarnings("unchecked")
    void succeed(O output) {
        if (recipient instanceof Thread waiter) {
            outcome = output == null ? NULL : output;
            LockSupport.unpark(waiter);
        } else if (recipient instanceof CompletableFuture<?> future) {
            ((CompletableFuture<O>) future).complete(output);
        } else if (recipient instanceof BiConsumer<?, ?> onDone) {
            ((BiConsumer<? super O, ? super BusException>) onDone).accept(output, null);
        }
    }

    @SuppressWarnings("unchecked")
    void fail(BusException failure) {
        if (recipient instanceof Thread waiter) {
            outcome = failure;
            LockSupport.unpark(waiter);
        } else if (recipient instanceof CompletableFuture<?> future) {
            future.completeExceptionally(failure);
        } else if (recipient instanceof BiConsumer<?, ?> onDone) {
            ((BiConsumer<? super O, ? super BusException>) onDone).accept(null, failure);
        } else {
            ((Consumer<? super BusException>) recipient).accept(failure);
        }
    }

    /**
     * The timeout a caller that keeps time here reports when the deadline passed: 503-like when the job never
     * ran, 504-like when it did.
     */
    BusTimeoutException timeout(String handler) {
        Duration waited = roundedUp(call.deadlineNanos() - createdNanos);
        return abandon() ? new ReplicaTimeoutException(handler, waited) : new BusTimeoutException(handler, waited);
    }

    /**
     * The timeout to report for a job that ran and whose handler ran out of the call's deadline: the time
     * its caller allowed from making it, or, for a caller that keeps no time here, from {@code startNanos}.
     */
    BusTimeoutException timedOutRunning(String handler, long startNanos) {
        return new BusTimeoutException(handler, roundedUp(call.deadlineNanos() - (keepsTime() ? createdNanos : startNanos)));
    }

    /** Whole milliseconds, rounded up: a deadline is set a moment before the job that carries it is made. */
    private static Duration roundedUp(long nanos) {
        return Duration.ofMillis((Math.max(0, nanos) + 999_999) / 1_000_000);
    }

    /** Parks the caller until the outcome or the deadline. */
    @SuppressWarnings("unchecked")
    O await(String handler, HandlerMetrics metrics) {
        Object result;
        while ((result = outcome) == null) {
            long remaining = call.deadlineNanos() - System.nanoTime();
            if (remaining <= 0) {
                metrics.timedOut();
                throw timeout(handler);
            }
            LockSupport.parkNanos(this, remaining);
            if (Thread.interrupted()) {
                abandon();
                Thread.currentThread().interrupt();
                throw new BusException(handler, "Interrupted while waiting for handler '" + handler + "'", null);
            }
        }
        if (result instanceof BusException failure) {
            throw failure;
        }
        return result == NULL ? null : (O) result;
    }
}
