package io.managerhandlers.internal.http;

import java.io.IOException;

/** Thrown by the body of an upload that runs past {@code maxUploadBytes}; the route answers 413. */
public final class UploadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("Payload too large: the limit is " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
