package io.managerhandlers.internal.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C trace context of one call: what {@code Call.traceId()} and {@code Call.traceparent()} show, and
 * what the calls it makes continue.
 *
 * <p>Without an OpenTelemetry SDK the API's spans carry an invalid context, so a trace that starts here
 * gets ids of our own: random, drawn when someone first asks for them (most calls never are), once — the
 * first to ask sets them, atomically, whichever thread it is. A call that starts a trace then costs one small
 * object, and a call made by a handler nothing: it shares its caller's trace, as the API's no-op spans share
 * their parent's context. With an SDK, a trace wraps the context of the span the SDK made.
 */
public final class Trace {
    private static final VarHandle CONTEXT;

    static {
        try {
            CONTEXT = MethodHandles.lookup().findVarHandle(Trace.class, "context", SpanContext.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Given, or drawn on first use (see {@link #spanContext()}). */
    @SuppressWarnings("unused") // through CONTEXT too
    private volatile SpanContext context;
    /** Started here, with no span before it: a span in it has no parent. */
    private final boolean started;

    private Trace(SpanContext context, boolean started) {
        this.context = context;
        this.started = started;
    }

    /**
     * A new trace, its ids drawn when first asked for. Sampled: a service downstream that keeps what its
     * parent sampled (the SDK's default) then records its part of the trace.
     */
    public static Trace start() {
        return new Trace(null, true);
    }

    /** The trace of a span, or of a context read from a message; null when {@code context} is not valid. */
    public static Trace of(SpanContext context) {
        return context.isValid() ? new Trace(context, false) : null;
    }

    /** The trace of an SDK's span; {@code parent} when the span has no valid context of its own (a no-op). */
    public static Trace of(Span span, Trace parent) {
        Trace own = of(span.getSpanContext());
        return own == null ? parent : own;
    }

    /**
     * Whether this trace starts here, with no span before it: an SDK's span in it is a root (its own trace
     * id then replaces ours, which nobody saw yet), never the child of a span that does not exist.
     */
    public boolean started() {
        return started;
    }

    /** The context, as the OpenTelemetry API holds it. */
    public SpanContext spanContext() {
        SpanContext made = context;
        if (made == null) {
            SpanContext drawn = draw();
            made = (SpanContext) CONTEXT.compareAndExchange(this, null, drawn);
            if (made == null) {
                made = drawn;
            }
        }
        return made;
    }

    private static SpanContext draw() {
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
        return SpanContext.create(TraceId.fromLongs(high, low), SpanId.fromLong(span), TraceFlags.getSampled(),
                TraceState.getDefault());
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
        SpanContext made = spanContext();
        return "00-" + made.getTraceId() + "-" + made.getSpanId() + "-" + made.getTraceFlags().asHex();
    }

    @Override
    public String toString() {
        return traceparent();
    }
}
