package io.managerhandlers.internal.redis;

import io.managerhandlers.BusException;

/**
 * Redis refused or lost a command: it is down, unreachable, or the connection is being re-established. The
 * call was not made (or its outcome is unknown); trying again later may work.
 */
public final class RedisUnavailableException extends BusException {
    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String handler, String message, Throwable cause) {
        super(handler, message, cause);
    }
}
