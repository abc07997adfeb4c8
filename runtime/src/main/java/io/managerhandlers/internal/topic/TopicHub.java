package io.managerhandlers.internal.topic;

import io.managerhandlers.Subscriptions;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The topics of one manager. Each subscriber has its own bounded queue drained by one virtual thread, so a
 * slow subscriber holds up no other, and each sees one publisher's messages in order.
 */
public final class TopicHub implements Subscriptions {
    private static final int QUEUE_CAPACITY = 1024;

    private final Map<String, List<SubscriberQueue<?>>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, TypeToken<?>> types = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> published = new ConcurrentHashMap<>();

    @Override
    public <T> Subscriptions on(String topic, Transport transport, TypeToken<T> type, Consumer<? super T> subscriber) {
        checkType(topic, type);
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                .add(new SubscriberQueue<>(topic, Objects.requireNonNull(subscriber, "subscriber"), QUEUE_CAPACITY));
        return this;
    }

    /** A typed handle on a topic; its type must match its subscribers'. */
    public <T> Topic<T> topic(String name, TypeToken<T> type) {
        checkType(name, type);
        // The live list: a handle taken in a constructor sees the subscribers bound after it.
        List<SubscriberQueue<?>> queues = subscribers.computeIfAbsent(name, t -> new CopyOnWriteArrayList<>());
        return new LocalTopic<>(name, queues, published.computeIfAbsent(name, t -> new LongAdder()));
    }

    /** Per topic: messages published, deliveries, subscriber failures, messages queued, mean delivery time. */
    public Map<String, Object> metrics() {
        Map<String, Object> all = new TreeMap<>();
        subscribers.forEach((topic, queues) -> {
            long delivered = queues.stream().mapToLong(SubscriberQueue::delivered).sum();
            long nanos = queues.stream().mapToLong(SubscriberQueue::nanos).sum();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("subscribers", queues.size());
            one.put("published", published.computeIfAbsent(topic, t -> new LongAdder()).sum());
            one.put("delivered", delivered);
            one.put("failures", queues.stream().mapToLong(SubscriberQueue::failures).sum());
            one.put("queued", queues.stream().mapToInt(SubscriberQueue::queued).sum());
            one.put("meanMillis", delivered == 0 ? 0.0 : nanos / 1e6 / delivered);
            all.put(topic, one);
        });
        return all;
    }

    public void start() {
        subscribers.values().forEach(queues -> queues.forEach(SubscriberQueue::start));
    }

    /** Lets every subscriber finish the messages it has, waiting at most until the deadline. */
    public void stop(long deadlineNanos) {
        List<SubscriberQueue<?>> all = subscribers.values().stream().flatMap(List::stream).toList();
        all.forEach(SubscriberQueue::close);
        for (SubscriberQueue<?> queue : all) {
            queue.awaitClosed(deadlineNanos);
        }
    }

    private void checkType(String topic, TypeToken<?> type) {
        TypeToken<?> previous = types.putIfAbsent(topic, Objects.requireNonNull(type, "type"));
        if (previous != null && !previous.equals(type)) {
            throw new IllegalStateException("Topic '" + topic + "' carries " + previous + ", not " + type);
        }
    }

    private record LocalTopic<T>(String name, List<SubscriberQueue<?>> queues, LongAdder published)
            implements Topic<T> {
        @Override
        @SuppressWarnings("unchecked")
        public void publish(T message) {
            Objects.requireNonNull(message, "message");
            published.increment();
            for (SubscriberQueue<?> queue : queues) {
                ((SubscriberQueue<T>) queue).offer(message);
            }
        }
    }
}
