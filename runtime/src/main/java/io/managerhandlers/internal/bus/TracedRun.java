package io.managerhandlers.internal.bus;

import io.managerhandlers.Call;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * With an OpenTelemetry SDK, the span of one handler run ({@code process <handler>}), current
 * ({@code Span.current()}) on the thread that runs it until {@link #close}. The handler sees the call in the
 * span's trace, so the calls it makes are the span's children.
 */
final class TracedRun implements AutoCloseable {
    private final Span span;
    private final Scope scope;
    private final CallInfo call;
    private Throwable failure;

    private TracedRun(Span span, CallInfo call) {
        this.span = span;
        this.call = call;
        this.scope = span.makeCurrent();
    }

    /** The run of {@code call}, on this thread; null without spans. */
    static TracedRun start(Tracing tracing, String handler, CallInfo call) {
        if (!tracing.spans()) {
            return null;
        }
        // A call that came through Redis is the receiving end of a Redis hop.
        Span span = tracing.process(handler, Call.REDIS.equals(call.source()) ? Tracing.REDIS : Tracing.SYSTEM,
                call.trace());
        return new TracedRun(span, call.withTrace(Trace.of(span, call.trace())));
    }

    /** The call as its handler sees it: in the run's span. */
    CallInfo call() {
        return call;
    }

    void failed(Throwable thrown) {
        failure = thrown;
    }

    @Override
    public void close() {
        scope.close();
        Tracing.end(span, failure);
    }
}
