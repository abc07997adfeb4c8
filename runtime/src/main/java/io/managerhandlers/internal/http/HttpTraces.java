package io.managerhandlers.internal.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * The trace of an HTTP request: continued from its {@code traceparent} and {@code tracestate} headers, or
 * new; with an OpenTelemetry SDK, one server span around the request. While the request runs, its trace is
 * the thread's current one, so the {@code Call} its handler sees continues it.
 */
final class HttpTraces {
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final HeaderName TRACESTATE = HeaderNames.create("tracestate");

    /** Reads the two W3C headers from a request, for the API's propagator. */
    private static final TextMapGetter<ServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequest req) {
            return List.of(TRACEPARENT.defaultCase(), TRACESTATE.defaultCase());
        }

        @Override
        public String get(ServerRequest req, String key) {
            if (req == null) {
                return null;
            }
            HeaderName name = "traceparent".equals(key) ? TRACEPARENT : "tracestate".equals(key) ? TRACESTATE
                    : HeaderNames.create(key);
            return req.headers().first(name).orElse(null);
        }
    };

    private final Tracing tracing;

    HttpTraces(Tracing tracing) {
        this.tracing = tracing;
    }

    /** The request's trace: its header's, or a new one when it has none (or a malformed one). */
    static Trace of(ServerRequest req) {
        if (!req.headers().contains(TRACEPARENT)) {
            return Trace.start();
        }
        Trace continued = Tracing.extract(req, HEADERS);
        return continued == null ? Trace.start() : continued;
    }

    /** Runs {@code work} in the request's {@code trace}; {@code route} names the route for the server span. */
    void run(Trace trace, ServerRequest req, ServerResponse res, Method method, String route, Runnable work) {
        if (!tracing.spans()) {
            Trace before = CurrentTrace.swap(trace);
            try {
                work.run();
            } finally {
                CurrentTrace.swap(before);
            }
            return;
        }
        Span span = tracing.server(method.text(), route, req.path().rawPath(), trace);
        Trace before = CurrentTrace.swap(Trace.of(span, trace));
        try (Scope scope = span.makeCurrent()) {
            work.run();
        } finally {
            CurrentTrace.swap(before);
            Tracing.endServer(span, res.status().code());
        }
    }

    /** The route of a file path, {@code /stream/<kind>/{id}}, for the span's name (never the id itself). */
    static String fileRoute(String path) {
        int slash = path.indexOf('/', "/stream/".length());
        return slash < 0 ? path : path.substring(0, slash) + "/{id}";
    }
}
