package io.managerhandlers;

import java.time.Duration;

/** The untyped bus across instances, through Redis; in process when no Redis is configured. */
public interface Remote {
    /** Calls a handler on exactly one instance and waits for its answer. */
    String publish(String handler, String data, Duration timeout);

    /** Calls a handler on one instance without waiting. */
    void dispatch(String handler, String data);
}
