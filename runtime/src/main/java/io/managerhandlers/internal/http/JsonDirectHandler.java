package io.managerhandlers.internal.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers the errors Helidon raises before a request reaches the routes (unparseable requests, bodies over
 * the server's limit) as JSON, like every other answer, and never with the parser's own words.
 */
final class JsonDirectHandler implements DirectHandler {
    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(false)
                .entity(Responses.errorBody(describe(status)))
                .build();
    }

    private static String describe(Status status) {
        return switch (status.code()) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            case 505 -> "HTTP version not supported";
            default -> status.code() >= 500 ? "Internal server error" : status.reasonPhrase();
        };
    }
}
