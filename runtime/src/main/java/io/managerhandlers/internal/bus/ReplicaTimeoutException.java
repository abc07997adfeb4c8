package io.managerhandlers.internal.bus;

import io.managerhandlers.BusTimeoutException;
import java.time.Duration;

/** A call waited for a free replica until its deadline and never ran (HTTP answers it 503, not 504). */
public final class ReplicaTimeoutException extends BusTimeoutException {
    private static final long serialVersionUID = 1L;

    public ReplicaTimeoutException(String handler, Duration timeout) {
        super(handler, timeout);
    }
}
