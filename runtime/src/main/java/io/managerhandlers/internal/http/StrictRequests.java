package io.managerhandlers.internal.http;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * What Helidon 4.5's HTTP/1.1 parser lets through and RFC 9112 does not: a fragment in the request target
 * ({@code /echo#x} would reach {@code /echo}) and a header line with an empty name ({@code : value}). Both
 * are answered 400 before routing, like the parser's own refusals.
 */
final class StrictRequests implements Http1ConnectionListener {
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        if (prologue.fragment().hasValue()) {
            throw badRequest("a request target has no fragment");
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        for (Header header : headers) {
            if (header.name().isEmpty()) {
                throw badRequest("a header without a name");
            }
        }
    }

    private static RequestException badRequest(String why) {
        return RequestException.builder()
                .type(EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message("Bad request: " + why)
                .setKeepAlive(false)
                .build();
    }
}
