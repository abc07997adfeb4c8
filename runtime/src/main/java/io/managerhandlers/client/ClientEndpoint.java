package io.managerhandlers.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One handler of a remote manager, typed: {@code POST /{name}} over HTTP. Failures are the bus's exceptions:
 * {@link io.managerhandlers.HandlerException} when the handler threw (500, with the server's message),
 * {@link io.managerhandlers.BusTimeoutException} for a 504 or the client's own timeout,
 * {@link io.managerhandlers.NoSuchHandlerException} for a 404, and {@link ClientException} with the status for
 * any other error.
 *
 * @param <I> the handler's input
 * @param <O> the handler's output
 */
public interface ClientEndpoint<I, O> {
    /** The handler's name. */
    String name();

    /** Calls the handler and waits for its answer, at most the client's timeout. */
    O publish(I input);

    /** {@link #publish(Object)} with its own timeout. */
    O publish(I input, Duration timeout);

    /** Calls the handler without blocking; the future fails as {@link #publish(Object)} would throw. */
    CompletableFuture<O> publishAsync(I input);
}
