package io.managerhandlers.internal.trace;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.BiConsumer;

/**
 * Tracing for one manager: W3C propagation always (through the OpenTelemetry API's
 * {@link W3CTraceContextPropagator}), and spans when an OpenTelemetry SDK is there — the one given to the
 * builder, or the global one once set (by the Java agent, or by the application). Without one, nothing here
 * makes a span, and the transports only carry the {@link Trace} along.
 *
 * <p>Spans follow the OpenTelemetry messaging conventions: {@code send <destination>} on the caller's side
 * (client for a call that waits for its answer, producer for one that does not), {@code process
 * <destination>} around a handler's run or a subscriber's delivery (consumer), and one server span per HTTP
 * request; {@code messaging.system} is {@value #SYSTEM} in process and {@value #REDIS} across instances.
 */
public final class Tracing {
    /** {@code messaging.system} of the in-process bus and topics. */
    public static final String SYSTEM = "manager_handlers";
    /** {@code messaging.system} of the hops through Redis. */
    public static final String REDIS = "redis";
    /** Tracing without an SDK: propagation only. */
    public static final Tracing OFF = new Tracing(null);

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Spans through {@code given}; without it, through the global OpenTelemetry if one is set; else none. */
    public static Tracing of(OpenTelemetry given) {
        OpenTelemetry chosen = given != null ? given : GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
        // The API's no-op (what the global one is once a library asked for it unset) records nothing either.
        return chosen == null || chosen.getTracerProvider() == TracerProvider.noop() ? OFF
                : new Tracing(chosen.getTracer("io.managerhandlers"));
    }

    /** Whether spans are made (an SDK, or at least an OpenTelemetry, is there). */
    public boolean spans() {
        return tracer != null;
    }

    /**
     * The trace a call made now on this thread continues: the call this thread works for, else the current
     * OpenTelemetry span (an application's own, or the agent's), else a new trace.
     */
    public static Trace current() {
        Trace trace = CurrentTrace.get();
        return trace != null ? trace : outside();
    }

    /** The trace of a call made outside anything this framework runs: the current span's, or a new one. */
    public static Trace outside() {
        Trace current = outsideOrNull();
        return current != null ? current : Trace.start();
    }

    /** The current OpenTelemetry span's trace, or null (a caller that starts a trace when asked). */
    public static Trace outsideOrNull() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Trace.of(span) : null;
    }

    /** The trace a carrier's {@code traceparent} (and {@code tracestate}) carry; null when absent or malformed. */
    public static <C> Trace extract(C carrier, TextMapGetter<C> getter) {
        return Trace.of(Span.fromContext(W3C.extract(io.opentelemetry.context.Context.root(), carrier, getter))
                .getSpanContext());
    }

    /** The trace in a message's fields ({@code traceparent}, {@code tracestate}); null when it carries none. */
    public static Trace extract(java.util.Map<String, String> fields) {
        return fields == null || !fields.containsKey(TRACEPARENT) ? null : extract(fields, MAP);
    }

    /** The name of the W3C field a trace travels in, in a header or in a message. */
    public static final String TRACEPARENT = "traceparent";
    /** The name of the W3C field of vendors' trace data. */
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<java.util.Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(java.util.Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(java.util.Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Writes {@code trace} as {@code traceparent} (and {@code tracestate} when it has one). */
    public static void inject(Trace trace, BiConsumer<String, String> put) {
        W3C.inject(trace.context(), put, BiConsumer::accept);
    }

    /** The caller's side of a call or a message: {@code send <destination>}; end it with {@link #end}. */
    public Span send(String destination, String system, SpanKind kind, String operation, Trace parent) {
        return tracer.spanBuilder("send " + destination).setParent(parent(parent)).setSpanKind(kind)
                .setAttribute(MESSAGING_SYSTEM, system)
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(OPERATION_NAME, operation)
                .setAttribute(DESTINATION, destination)
                .startSpan();
    }

    /** A handler's run or a subscriber's delivery: {@code process <destination>}, a consumer span. */
    public Span process(String destination, String system, Trace parent) {
        return tracer.spanBuilder("process " + destination).setParent(parent(parent)).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, system)
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(DESTINATION, destination)
                .startSpan();
    }

    /** An HTTP request to a handler or a file route: a server span; end it with {@link #endServer}. */
    public Span server(String method, String route, String path, Trace parent) {
        return tracer.spanBuilder(method + " " + route).setParent(parent(parent)).setSpanKind(SpanKind.SERVER)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(HTTP_ROUTE, route)
                .setAttribute(URL_PATH, path)
                .startSpan();
    }

    private static io.opentelemetry.context.Context parent(Trace trace) {
        return trace.started() ? io.opentelemetry.context.Context.root() : trace.context();
    }

    /** Ends a span: an error when {@code failure} is not null. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
            span.recordException(failure);
        }
        span.end();
    }

    /** Ends a server span with the status answered (5xx is an error, as the HTTP conventions say). */
    public static void endServer(Span span, int status) {
        span.setAttribute(HTTP_STATUS, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, Integer.toString(status));
        }
        span.end();
    }
}
