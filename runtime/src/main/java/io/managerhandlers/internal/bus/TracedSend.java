package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The calls of the in-process bus, {@code publish}, {@code publishAsync} and {@code dispatch}, each with its
 * caller's span ({@code send <handler>}) when an OpenTelemetry SDK is there: a client span for a call whose
 * answer is awaited, a producer span for a dispatched one. Without an SDK they go straight to the handler.
 */
final class TracedSend {
    private TracedSend() {
    }

    static <I, O> O publish(RequestTarget<I, O> target, I input, CallInfo call) {
        Tracing tracing = target.tracing();
        if (!tracing.spans()) {
            return target.call(input, call);
        }
        Span span = tracing.send(target.name(), Tracing.SYSTEM, SpanKind.CLIENT, "publish", call.trace());
        Throwable failure = null;
        try {
            return target.call(input, call.withTrace(Trace.of(span, call.trace())));
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Tracing.end(span, failure);
        }
    }

    static <I, O> CompletableFuture<O> publishAsync(RequestTarget<I, O> target, I input, CallInfo call) {
        Tracing tracing = target.tracing();
        if (!tracing.spans()) {
            return target.submit(input, call);
        }
        Span span = tracing.send(target.name(), Tracing.SYSTEM, SpanKind.CLIENT, "publish", call.trace());
        try {
            CompletableFuture<O> future = target.submit(input, call.withTrace(Trace.of(span, call.trace())));
            future.whenComplete((output, failure) -> Tracing.end(span, failure));
            return future;
        } catch (RuntimeException e) {
            Tracing.end(span, e);
            throw e;
        }
    }

    static <I, O> void dispatch(RequestTarget<I, O> target, I input, CallInfo call,
            Consumer<? super BusException> onFailure) {
        Tracing tracing = target.tracing();
        if (!tracing.spans()) {
            target.dispatch(input, call, onFailure);
            return;
        }
        Span span = tracing.send(target.name(), Tracing.SYSTEM, SpanKind.PRODUCER, "dispatch", call.trace());
        Throwable failure = null;
        try {
            target.dispatch(input, call.withTrace(Trace.of(span, call.trace())), onFailure);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Tracing.end(span, failure);
        }
    }
}
