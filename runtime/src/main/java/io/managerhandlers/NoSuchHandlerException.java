package io.managerhandlers;

/** No handler has the name given to the untyped {@link Bus} or {@link Remote}. */
public class NoSuchHandlerException extends BusException {
    private static final long serialVersionUID = 1L;

    public NoSuchHandlerException(String handler) {
        super(handler, "Handler not found: " + handler, null);
    }
}
