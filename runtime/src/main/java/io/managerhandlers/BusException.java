package io.managerhandlers;

/** A call over the bus failed. Unchecked, like every failure of the bus. */
public class BusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String handler;

    public BusException(String handler, String message, Throwable cause) {
        super(message, cause);
        this.handler = handler;
    }

    /** The name of the handler (or topic) that was called. */
    public String handler() {
        return handler;
    }
}
