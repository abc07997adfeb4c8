package io.managerhandlers.internal.observe;

/** An answer of an observation route, for the HTTP front to send as it is. */
public record Page(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";
}
