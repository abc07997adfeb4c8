package io.managerhandlers;

/** The called handler threw; {@link #getCause()} is what it threw, and the message includes the cause's. */
public class HandlerException extends BusException {
    private static final long serialVersionUID = 1L;

    public HandlerException(String handler, Throwable cause) {
        super(handler, "Handler '" + handler + "' failed: " + describe(cause), cause);
    }

    public HandlerException(String handler, String message, Throwable cause) {
        super(handler, message, cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getName() : message;
    }
}
