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

    final I input;
    final CallInfo call;
    private final Thread waiter;
    final CompletableFuture<O> future;
    private final Consumer<? super BusException> onFailure;
    private final BiConsumer<? super O, ? super BusException> onDone;
    private final long createdNanos = System.nanoTime();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Job.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile int state = WAITING;
    /** The job queued after this one; see {@link JobQueue}, which alone reads and writes it. */
    Job<I, O> next;
    private volatile Object outcome;

    private Job(I input, CallInfo call, Thread waiter, CompletableFuture<O> future,
            Consumer<? super BusException> onFailure, BiConsumer<? super O, ? super BusException> onDone) {
        this.input = input;
        this.call = call;
        this.waiter = waiter;
        this.future = future;
        this.onFailure = onFailure;
        this.onDone = onDone;
    }

    /** The placeholder a {@link JobQueue} starts with: never run. */
    static <I, O> Job<I, O> stub() {
        return new Job<>(null, null, null, null, null, null);
    }

    /** A job whose caller blocks in {@link #await}. */
    static <I, O> Job<I, O> blocking(I input, CallInfo call) {
        return new Job<>(input, call, Thread.currentThread(), null, null, null);
    }

    /** A job whose outcome completes a future. */
    static <I, O> Job<I, O> withFuture(I input, CallInfo call) {
        return new Job<>(input, call, null, new CompletableFuture<>(), null, null);
    }

    /** A job nobody waits for; only a failure is reported, to {@code onFailure}. */
    static <I, O> Job<I, O> dispatched(I input, CallInfo call, Consumer<? super BusException> onFailure) {
        return new Job<>(input, call, null, null, onFailure, null);
    }

    /**
     * A job whose outcome goes to {@code onDone} (an output, or a failure), on the replica's thread; no timer
     * watches it: its caller keeps its own time (a call from another instance, through Redis).
     */
    static <I, O> Job<I, O> withCallback(I input, CallInfo call, BiConsumer<? super O, ? super BusException> onDone) {
        return new Job<>(input, call, null, null, null, onDone);
    }

    /** A replica takes the job: false when its caller already gave up. */
    boolean begin() {
        return STATE.compareAndSet(this, WAITING, RUNNING);
    }

    /** The caller gives up: true when the handler had not started (and now never will). */
    boolean abandon() {
        return STATE.compareAndSet(this, WAITING, ABANDONED) || state == ABANDONED;
    }

    void succeed(O output) {
        if (waiter != null) {
            outcome = output == null ? NULL : output;
            LockSupport.unpark(waiter);
        } else if (future != null) {
            future.complete(output);
        } else if (onDone != null) {
            onDone.accept(output, null);
        }
    }

    void fail(BusException failure) {
        if (waiter != null) {
            outcome = failure;
            LockSupport.unpark(waiter);
        } else if (future != null) {
            future.completeExceptionally(failure);
        } else if (onDone != null) {
            onDone.accept(null, failure);
        } else {
            onFailure.accept(failure);
        }
    }

    /** The timeout to report when the deadline passed: 503-like when it never ran, 504-like when it did. */
    BusTimeoutException timeout(String handler) {
        // Rounded up: the deadline was set a moment before this job was made.
        Duration waited = Duration.ofMillis((Math.max(0, call.deadlineNanos() - createdNanos) + 999_999) / 1_000_000);
        return abandon() ? new ReplicaTimeoutException(handler, waited) : new BusTimeoutException(handler, waited);
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
