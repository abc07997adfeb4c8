package io.managerhandlers;

import java.time.Duration;

/**
 * The untyped bus, as in the Rust crate: handlers by name, data as text. {@code data} is the raw input of
 * a {@code String} handler and JSON otherwise; the answer likewise. Prefer the generated, typed
 * {@code Handlers}, where a missing handler is a compile error.
 */
public interface Bus {
    /**
     * Calls a handler and waits for its answer, at most the default timeout (120 s).
     *
     * @throws NoSuchHandlerException no handler has that name
     * @throws HandlerException the handler threw, or {@code data} is not a valid input for it
     * @throws BusTimeoutException no answer within the timeout
     */
    String publish(String handler, String data);

    /** {@link #publish(String, String)} with its own timeout. */
    String publish(String handler, String data, Duration timeout);

    /**
     * Calls a handler without waiting for it. A failure is reported to the manager's failure hook.
     *
     * @throws NoSuchHandlerException no handler has that name
     */
    void dispatch(String handler, String data);
}
