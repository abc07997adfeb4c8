package io.managerhandlers.internal.bus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call's result, and the race between its caller giving up and its handler starting: exactly one of
 * {@link #begin()} and {@link #abandon()} wins, so a call whose caller gave up is never run.
 */
final class Execution<O> extends CompletableFuture<O> {
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    final CallInfo call;

    Execution(CallInfo call) {
        this.call = call;
    }

    /** The handler is about to run: false when the caller already gave up. */
    boolean begin() {
        return state.compareAndSet(WAITING, RUNNING);
    }

    /** The caller gives up: true when the handler had not started (and now never will). */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED) || state.get() == ABANDONED;
    }
}
