package io.managerhandlers.internal.json;

/** An input that cannot be read as the handler's input type; its message is safe to show a client. */
public final class JsonInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
