package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.TypeToken;
import io.managerhandlers.internal.json.Codec;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request handler with its replicas: runs each call on a virtual thread of its own, once a replica is
 * free, and holds the caller to the call's deadline. The replica goes back to the pool when the handler
 * returns, even when its caller stopped waiting, so no more than {@code replicas} calls ever run at once.
 */
public final class RequestTarget<I, O> {
    private final String name;
    private final TypeToken<I> inputType;
    private final TypeToken<O> outputType;
    private final Codec<I> input;
    private final Codec<O> output;
    private final ReplicaPool<RequestHandler<I, O>> pool;
    private final Lifecycle lifecycle;
    private final ScheduledExecutorService timers;
    private final HandlerMetrics metrics = new HandlerMetrics();

    public RequestTarget(String name, TypeToken<I> inputType, TypeToken<O> outputType, Codec<I> input,
            Codec<O> output, ReplicaPool<RequestHandler<I, O>> pool, Lifecycle lifecycle,
            ScheduledExecutorService timers) {
        this.name = name;
        this.inputType = inputType;
        this.outputType = outputType;
        this.input = input;
        this.output = output;
        this.pool = pool;
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

    public HandlerMetrics metrics() {
        return metrics;
    }

    public ReplicaPool<RequestHandler<I, O>> pool() {
        return pool;
    }

    /** Starts a call; the result completes with the output or a {@link BusException}. */
    public CompletableFuture<O> submit(I value, CallInfo call) {
        if (lifecycle.state() == Lifecycle.State.STOPPED) {
            throw new BusException(name, "Handler '" + name + "' is stopped: its manager has shut down", null);
        }
        Execution<O> execution = new Execution<>(call);
        lifecycle.enter();
        Thread.startVirtualThread(() -> run(value, execution));
        return execution;
    }

    /** A call whose future also fails with {@link BusTimeoutException} at its deadline. */
    public CompletableFuture<O> submitWithDeadline(I value, CallInfo call) {
        CompletableFuture<O> result = submit(value, call);
        Execution<O> execution = (Execution<O>) result;
        long remaining = call.deadlineNanos() - System.nanoTime();
        ScheduledFuture<?> timer = timers.schedule(() -> timeOut(execution), remaining, TimeUnit.NANOSECONDS);
        result.whenComplete((out, failure) -> timer.cancel(false));
        return result;
    }

    /** Makes a call and waits for it until its deadline. */
    public O call(I value, CallInfo call) {
        Execution<O> execution = (Execution<O>) submit(value, call);
        try {
            return execution.get(Math.max(0, call.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeOut(execution);
        } catch (ExecutionException e) {
            throw (BusException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            execution.abandon();
            throw new BusException(name, "Interrupted while waiting for handler '" + name + "'", e);
        }
    }

    private BusTimeoutException timeOut(Execution<O> execution) {
        Duration waited = Duration.ofNanos(Math.max(0, execution.call.deadlineNanos() - System.nanoTime()));
        BusTimeoutException timeout = execution.abandon()
                ? new ReplicaTimeoutException(name, waited) : new BusTimeoutException(name, waited);
        metrics.timedOut();
        execution.completeExceptionally(timeout);
        return timeout;
    }

    private void run(I value, Execution<O> execution) {
        try {
            RequestHandler<I, O> replica = pool.acquire(execution.call.deadlineNanos());
            if (replica == null) {
                timeOut(execution);
                return;
            }
            try {
                if (execution.begin()) {
                    runOn(replica, value, execution);
                }
            } finally {
                pool.release(replica);
            }
        } catch (InterruptedException e) {
            execution.completeExceptionally(new BusException(name, "Interrupted before handler '" + name + "' ran", e));
        } finally {
            lifecycle.exit();
        }
    }

    private void runOn(RequestHandler<I, O> replica, I value, Execution<O> execution) {
        long start = System.nanoTime();
        metrics.started();
        boolean failed = false;
        execution.call.enter();
        try {
            execution.complete(replica.handle(value, execution.call));
        } catch (Throwable thrown) {
            failed = true;
            execution.completeExceptionally(new HandlerException(name, thrown));
        } finally {
            CallInfo.exit();
            metrics.finished(start, failed);
        }
    }
}
