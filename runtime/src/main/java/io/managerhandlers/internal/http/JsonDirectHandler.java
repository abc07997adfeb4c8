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
    /** What Helidon 4.5's header parser says of a header block over {@code maxHeadersSize} (it answers 400). */
    private static final String HEADERS_TOO_LARGE = "Header size exceeded";
    private static final Status HEADERS_TOO_LARGE_431 = Status.create(431, "Request Header Fields Too Large");

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        // Helidon closes the connection after these: the client may still be sending a body.
        LingeringClose.request();
        Status answered = clientsFault(eventType, status) ? Status.BAD_REQUEST_400
                : status.code() == 400 && HEADERS_TOO_LARGE.equals(message) ? HEADERS_TOO_LARGE_431
                : status;
        return TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .keepAlive(false)
                .entity(Responses.errorBody(answered == status || answered == HEADERS_TOO_LARGE_431 ? describe(answered)
                        : describeRefusal(status)))
                .build();
    }

    /**
     * Errors Helidon answers 5xx that are the client's: an HTTP version or a transfer coding it does not
     * speak (505, 501), and a request line or header its parser chokes on. Helidon's parser throws an
     * {@code IllegalArgumentException} for a method or header name with a character no token may have, and
     * reports it as an internal error; at this level, before any route, an internal error is such a parse
     * failure (Helidon still logs it with its stack trace, so a real fault stays visible).
     */
    private static boolean clientsFault(EventType eventType, Status status) {
        return status.code() == 505 || status.code() == 501
                || status.code() == 500 && eventType == EventType.INTERNAL_ERROR;
    }

    private static String describeRefusal(Status status) {
        return switch (status.code()) {
            case 501 -> "Bad request: unsupported transfer coding (only chunked is)";
            case 505 -> "Bad request: HTTP version not supported (use HTTP/1.1)";
            default -> "Bad request: the request could not be parsed";
        };
    }

    private static String describe(Status status) {
        return switch (status.code()) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> status.code() >= 500 ? "Internal server error" : status.reasonPhrase();
        };
    }
}
