package io.managerhandlers.internal.topic;

import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** One subscriber's messages, delivered in order by one virtual thread; a full queue holds up its publisher. */
final class SubscriberQueue<T> {
    private static final System.Logger LOG = System.getLogger(SubscriberQueue.class.getName());
    private static final Object CLOSE = new Object();

    private final String topic;
    private final Consumer<? super T> subscriber;
    private final BlockingQueue<Object> queue;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private Thread drainer;

    SubscriberQueue(String topic, Consumer<? super T> subscriber, int capacity) {
        this.topic = topic;
        this.subscriber = subscriber;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void start() {
        drainer = Thread.ofVirtual().name("mh-topic-" + topic).start(this::drain);
    }

    void offer(T message) {
        try {
            queue.put(message);
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
        try {
            for (Object message = queue.take(); message != CLOSE; message = queue.take()) {
                long start = System.nanoTime();
                try {
                    subscriber.accept((T) message);
                } catch (RuntimeException | Error e) {
                    failures.increment();
                    LOG.log(Level.WARNING, "A subscriber of topic '" + topic + "' failed: " + e, e);
                } finally {
                    delivered.increment();
                    nanos.add(System.nanoTime() - start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
