package io.managerhandlers.internal.bus;

import io.managerhandlers.RequestHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One instance of a request handler and who runs it: its replica's thread, or for a moment a caller that
 * found it idle ({@link RequestTarget#callHere}). Whoever sets {@code busy} runs it; the replica's thread
 * waits for a caller to let go.
 */
final class Replica<I, O> {
    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = MethodHandles.lookup().findVarHandle(Replica.class, "running", Job.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final RequestHandler<I, O> instance;
    /** Written only by whoever holds {@code busy}, which orders them. */
    final HandlerMetrics.Replica counters;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Thread waiting;
    /** The call with a future this replica has taken and not yet finished, for its {@link DeadlineWatch}. */
    private volatile Job<I, O> running;

    Replica(RequestHandler<I, O> instance, HandlerMetrics.Replica counters) {
        this.instance = instance;
        this.counters = counters;
    }

    Job<I, O> running() {
        return running;
    }

    /** The replica has taken {@code job}, whose deadline a {@link DeadlineWatch} keeps; seen before it asks. */
    void taken(Job<I, O> job) {
        running = job;
    }

    /** The call {@link #taken} is finished: nothing to watch here any more. */
    void finished() {
        RUNNING.setRelease(this, null);
    }

    boolean busy() {
        return busy.get();
    }

    /** Takes the instance if nobody holds it. */
    boolean tryTake() {
        return !busy.get() && busy.compareAndSet(false, true);
    }

    /** Lets the instance go, waking its replica's thread if it waits for it. */
    void release() {
        busy.set(false);
        Thread worker = waiting;
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    /** Lets the instance go, from the replica's own thread: nobody waits for it then. */
    void releaseOwn() {
        busy.set(false);
    }

    /**
     * The replica's thread takes its instance back from a caller running it, waiting until it lets go;
     * false when {@code stopped} first.
     */
    boolean claim(BooleanSupplier stopped) {
        if (busy.compareAndSet(false, true)) {
            return true;
        }
        waiting = Thread.currentThread();
        try {
            while (!busy.compareAndSet(false, true)) {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                LockSupport.park(this);
                Thread.interrupted();
            }
            return true;
        } finally {
            waiting = null;
        }
    }
}
