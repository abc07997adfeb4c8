package io.managerhandlers.client;

import io.managerhandlers.BusException;

/**
 * The manager answered with an error status the bus has no exception for (400, 401, 413, 503, ...), or did not
 * answer at all (status 0: the connection failed).
 */
public class ClientException extends BusException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ClientException(String handler, int status, String message, Throwable cause) {
        super(handler, message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
