package io.managerhandlers.internal.topic;

import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One subscriber's messages, delivered in order by one virtual thread; a full queue holds up its publisher.
 * Each message travels with its publisher's trace, which is current while the subscriber takes it (with an
 * OpenTelemetry SDK, in a span of its own), so that what the subscriber publishes continues it.
 */
final class SubscriberQueue<T> {
    private static final System.Logger LOG = System.getLogger(SubscriberQueue.class.getName());
    private static final Object CLOSE = new Object();

    private final String topic;
    private final Consumer<? super T> subscriber;
    private final Tracing tracing;
    private final String system;
    private final BlockingQueue<Object> queue;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private Thread drainer;

    /** A message and the trace it came in. */
    record Delivery(Object message, Trace trace) {
    }

    /** {@code system}: the {@code messaging.system} of its spans (in process, or through Redis). */
    SubscriberQueue(String topic, Consumer<? super T> subscriber, int capacity, Tracing tracing, String system) {
        this.topic = topic;
        this.subscriber = subscriber;
        this.tracing = tracing;
        this.system = system;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void start() {
        drainer = Thread.ofVirtual().name("mh-topic-" + topic).start(this::drain);
    }

    void offer(Delivery delivery) {
        try {
            queue.put(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to topic '" + topic + "'", e);
        }
    }

    long delivered() {
        return delivered.sum();
    }

    long failures() {
        return failures.sum();
    }

    long nanos() {
        return nanos.sum();
    }

    int queued() {
        return queue.size();
    }

    void close() {
        try {
            queue.put(CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void awaitClosed(long deadlineNanos) {
        if (drainer == null) {
            return;
        }
        try {
            drainer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        CurrentTrace.Holder current = CurrentTrace.holderOfThisThread();
        try {
            for (Object message = queue.take(); message != CLOSE; message = queue.take()) {
                long start = System.nanoTime();
                Delivery delivery = (Delivery) message;
                Span span = tracing.spans() ? tracing.process(topic, system, delivery.trace()) : null;
                Scope scope = span == null ? null : span.makeCurrent();
                current.trace = span == null ? delivery.trace() : Trace.of(span, delivery.trace());
                Throwable failure = null;
                try {
                    subscriber.accept((T) delivery.message());
                } catch (RuntimeException | Error e) {
                    failure = e;
                    failures.increment();
                    LOG.log(Level.WARNING, "A subscriber of topic '" + topic + "' failed [trace "
                            + current.trace.traceId() + "]: " + e, e);
                } finally {
                    delivered.increment();
                    nanos.add(System.nanoTime() - start);
                    if (span != null) {
                        scope.close();
                        Tracing.end(span, failure);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
