package io.managerhandlers.internal.files;

/**
 * A refusal with its HTTP status, thrown by the built-in store (400 for a name it will not store, 507 when
 * the disk is full) and answered as {@code {"status":"Error","message":...}} by the file routes.
 */
public final class FileRouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public FileRouteException(int status, String message) {
        super(message);
        this.status = status;
    }

    public FileRouteException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
