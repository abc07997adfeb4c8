package io.managerhandlers.internal.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C trace context of one call: what {@code Call.traceId()} and {@code Call.traceparent()} show, and
 * what the calls it makes continue.
 *
 * <p>Without an OpenTelemetry SDK the API's spans carry an invalid context, so a trace that starts here
 * gets ids of our own: random numbers held as {@code long}s, turned into hex (and into a {@link SpanContext})
 * only when someone asks. A call that starts a trace then costs three random numbers and one small object,
 * and a call made by a handler none: it shares its caller's trace, as the API's no-op spans share their
 * parent's context. With an SDK, a trace wraps the span the SDK made.
 */
public final class Trace {
    private final long traceHigh;
    private final long traceLow;
    private final long spanId;
    /** Started here, with no span before it: a span in it has no parent. */
    private final boolean started;
    /** Made from the ids on first use, or given; a benign race makes at worst an equal one twice. */
    private SpanContext context;
    private String traceparent;

    private Trace(long traceHigh, long traceLow, long spanId, boolean started) {
        this.traceHigh = traceHigh;
        this.traceLow = traceLow;
        this.spanId = spanId;
        this.started = started;
    }

    private Trace(SpanContext context) {
        this(0, 0, 0, false);
        this.context = context;
    }

    /**
     * A new trace, with ids of our own. Sampled: a service downstream that keeps what its parent sampled
     * (the SDK's default) then records its part of the trace.
     */
    public static Trace start() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low;
        do {
            low = random.nextLong();
        } while (low == 0 && high == 0);
        long span;
        do {
            span = random.nextLong();
        } while (span == 0);
        return new Trace(high, low, span, true);
    }

    /**
     * Whether this trace starts here, with no span before it: an SDK's span in it is a root (its own trace
     * id then replaces ours, which nobody saw yet), never the child of a span that does not exist.
     */
    public boolean started() {
        return started;
    }

    /** The trace of a span, or of a context read from a message; null when {@code context} is not valid. */
    public static Trace of(SpanContext context) {
        return context.isValid() ? new Trace(context) : null;
    }

    /** The trace of an SDK's span; {@code parent} when the span has no valid context of its own (a no-op). */
    public static Trace of(Span span, Trace parent) {
        Trace own = of(span.getSpanContext());
        return own == null ? parent : own;
    }

    /** The context, as the OpenTelemetry API holds it. */
    public SpanContext spanContext() {
        SpanContext made = context;
        if (made == null) {
            made = SpanContext.create(TraceId.fromLongs(traceHigh, traceLow), SpanId.fromLong(spanId),
                    TraceFlags.getSampled(), TraceState.getDefault());
            context = made;
        }
        return made;
    }

    /** An OpenTelemetry {@link Context} holding this trace: the parent of a span, or what a propagator injects. */
    public Context context() {
        return Context.root().with(Span.wrap(spanContext()));
    }

    /** 32 lowercase hex digits. */
    public String traceId() {
        return spanContext().getTraceId();
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, as the W3C header carries it. */
    public String traceparent() {
        String header = traceparent;
        if (header == null) {
            SpanContext made = spanContext();
            header = "00-" + made.getTraceId() + "-" + made.getSpanId() + "-" + made.getTraceFlags().asHex();
            traceparent = header;
        }
        return header;
    }

    @Override
    public String toString() {
        return traceparent();
    }
}
