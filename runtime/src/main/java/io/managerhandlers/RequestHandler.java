package io.managerhandlers;

/**
 * A handler that answers one input with one output. Served at {@code POST /{name}} and callable over
 * the bus. Each replica is its own instance, so an implementation need not be thread-safe.
 *
 * @param <I> the input: the raw UTF-8 body for {@code String}, otherwise JSON read by Jackson
 * @param <O> the output: written raw for {@code String}, otherwise as JSON
 */
@FunctionalInterface
public interface RequestHandler<I, O> {
    /**
     * Handles one call.
     *
     * @throws Exception anything; callers over the bus see it wrapped in {@link HandlerException},
     *     HTTP callers get {@code 500 {"status":"Error","message":"Internal server error: ..."}}
     */
    O handle(I input, Call call) throws Exception;
}
