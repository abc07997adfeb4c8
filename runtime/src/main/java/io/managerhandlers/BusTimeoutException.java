package io.managerhandlers;

import java.time.Duration;

/** No answer came within the call's timeout. */
public class BusTimeoutException extends BusException {
    private static final long serialVersionUID = 1L;
    private final transient Duration timeout;

    public BusTimeoutException(String handler, Duration timeout) {
        super(handler, "Handler '" + handler + "' did not answer within " + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    /** The timeout that passed. */
    public Duration timeout() {
        return timeout;
    }
}
