package io.managerhandlers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One handler, typed: what the generated {@code Handlers} returns.
 *
 * @param <I> the handler's input
 * @param <O> the handler's output
 */
public interface Endpoint<I, O> {
    /** The handler's name. */
    String name();

    /**
     * Calls the handler and waits (the calling virtual thread blocks) for its answer, at most the default
     * timeout (120 s).
     *
     * @throws HandlerException the handler threw; its message includes the cause's
     * @throws BusTimeoutException no answer within the timeout
     */
    O publish(I input);

    /** {@link #publish(Object)} with its own timeout. */
    O publish(I input, Duration timeout);

    /** Calls the handler without blocking; the future fails as {@link #publish(Object)} would throw. */
    CompletableFuture<O> publishAsync(I input);

    /** Calls the handler without waiting (fire and forget); failures go to the manager's failure hook. */
    void dispatch(I input);

    /** The same handler on any instance of the service, through Redis (in process without Redis). */
    RemoteEndpoint<I, O> remote();
}
