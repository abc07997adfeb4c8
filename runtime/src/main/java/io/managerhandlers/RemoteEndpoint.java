package io.managerhandlers;

import java.time.Duration;

/** One handler on any instance of the service, through Redis; in process when no Redis is configured. */
public interface RemoteEndpoint<I, O> {
    /** Calls the handler on exactly one instance and waits for its answer, at most the default timeout. */
    O publish(I input);

    /** {@link #publish(Object)} with its own timeout. */
    O publish(I input, Duration timeout);

    /** Calls the handler on one instance without waiting; at least once over Redis. */
    void dispatch(I input);
}
