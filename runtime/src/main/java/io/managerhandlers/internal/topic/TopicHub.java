package io.managerhandlers.internal.topic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.managerhandlers.Subscriptions;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.managerhandlers.internal.json.Json;
import io.managerhandlers.internal.topic.SubscriberQueue.Delivery;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
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
 *
 * <p>A topic's transport comes from its subscriptions (or from {@link #topic(String, Transport, TypeToken)}).
 * {@code REDIS} topics go through the {@link RemoteTopics} given to {@link #useRemote} — every instance's
 * subscribers, this one's included, receive them from Redis — and run in process when there is none.
 */
public final class TopicHub implements Subscriptions {
    private static final System.Logger LOG = System.getLogger(TopicHub.class.getName());
    private static final int QUEUE_CAPACITY = 1024;

    /** Where {@code REDIS} topics are published; their messages come back through {@link #deliver}. */
    public interface RemoteTopics {
        /** Publishes one message, JSON, in {@code trace}, to every instance subscribed to {@code topic}. */
        void publish(String topic, String json, Trace trace);
    }

    private final Map<String, TopicState<?>> topics = new ConcurrentHashMap<>();
    private volatile RemoteTopics remote;
    private final Tracing tracing;

    /** Topics whose messages carry their publisher's trace, with spans when {@code tracing} makes them. */
    public TopicHub(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public <T> Subscriptions on(String topic, Transport transport, TypeToken<T> type, Consumer<? super T> subscriber) {
        TopicState<T> state = state(topic, type);
        state.transport(Objects.requireNonNull(transport, "transport"));
        state.queues.add(new SubscriberQueue<>(topic, Objects.requireNonNull(subscriber, "subscriber"), QUEUE_CAPACITY,
                tracing, transport == Transport.REDIS ? Tracing.REDIS : Tracing.SYSTEM));
        return this;
    }

    /**
     * A typed handle on a topic; its type must match its subscribers'. Its transport is its subscribers'
     * (looked up when it publishes, so a handle taken before they are bound is right too), {@code LOCAL}
     * when it has none here.
     */
    public <T> Topic<T> topic(String name, TypeToken<T> type) {
        return state(name, type).handle;
    }

    /** A typed handle on a topic of this transport: for a service that publishes to it and has no subscriber. */
    public <T> Topic<T> topic(String name, Transport transport, TypeToken<T> type) {
        TopicState<T> state = state(name, type);
        state.transport(Objects.requireNonNull(transport, "transport"));
        return state.handle;
    }

    /** Sends {@code REDIS} topics through {@code remote} from now on (set before start). */
    public void useRemote(RemoteTopics remote) {
        this.remote = remote;
    }

    /** Whether the topic carries {@code String}s: where the Rust crate's format is spoken, they travel as raw text. */
    public boolean carriesText(String topic) {
        TopicState<?> state = topics.get(topic);
        return state != null && state.type.type() == String.class;
    }

    /** The {@code REDIS} topics with a subscriber in this manager: the channels to listen to. */
    public List<String> remoteSubscriptions() {
        return topics.values().stream()
                .filter(t -> t.transport == Transport.REDIS && !t.queues.isEmpty())
                .map(t -> t.name).sorted().toList();
    }

    /**
     * Hands a message that came from another instance (or this one, through Redis) to this manager's
     * subscribers of {@code topic}, in {@code trace} (null: a message that carried none starts one). Blocks
     * while a subscriber's queue is full, like a local publisher. A message that is not JSON of the topic's
     * type is logged, counted as a failure and dropped.
     */
    public void deliver(String topic, String json, Trace trace) {
        TopicState<?> state = topics.get(topic);
        if (state != null) {
            state.deliver(json, trace == null ? Trace.start() : trace);
        }
    }

    /** Per topic: messages published, deliveries, subscriber failures, messages queued, mean delivery time. */
    public Map<String, Object> metrics() {
        Map<String, Object> all = new TreeMap<>();
        topics.forEach((topic, state) -> {
            List<SubscriberQueue<?>> queues = state.queues;
            long delivered = queues.stream().mapToLong(SubscriberQueue::delivered).sum();
            long nanos = queues.stream().mapToLong(SubscriberQueue::nanos).sum();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("subscribers", queues.size());
            one.put("published", state.published.sum());
            one.put("delivered", delivered);
            one.put("failures", queues.stream().mapToLong(SubscriberQueue::failures).sum() + state.undecodable.sum());
            one.put("queued", queues.stream().mapToInt(SubscriberQueue::queued).sum());
            one.put("meanMillis", delivered == 0 ? 0.0 : nanos / 1e6 / delivered);
            one.put("transport", state.transport == null ? Transport.LOCAL.name() : state.transport.name());
            all.put(topic, one);
        });
        return all;
    }

    public void start() {
        topics.values().forEach(state -> state.queues.forEach(SubscriberQueue::start));
    }

    /** Lets every subscriber finish the messages it has, waiting at most until the deadline. */
    public void stop(long deadlineNanos) {
        List<SubscriberQueue<?>> all = topics.values().stream().flatMap(t -> t.queues.stream()).toList();
        all.forEach(SubscriberQueue::close);
        for (SubscriberQueue<?> queue : all) {
            queue.awaitClosed(deadlineNanos);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> TopicState<T> state(String name, TypeToken<T> type) {
        Objects.requireNonNull(type, "type");
        TopicState<?> state = topics.computeIfAbsent(Objects.requireNonNull(name, "name"),
                n -> new TopicState<>(this, n, type));
        if (!state.type.equals(type)) {
            throw new IllegalStateException("Topic '" + name + "' carries " + state.type + ", not " + type);
        }
        return (TopicState<T>) state;
    }

    /** One topic: its type, transport, subscribers (the live list) and counters. */
    private static final class TopicState<T> {
        final TopicHub hub;
        final String name;
        final TypeToken<T> type;
        final List<SubscriberQueue<?>> queues = new CopyOnWriteArrayList<>();
        final LongAdder published = new LongAdder();
        final LongAdder undecodable = new LongAdder();
        final Topic<T> handle = new Handle<>(this);
        private final ObjectReader reader;
        private final ObjectWriter writer;
        volatile Transport transport;

        TopicState(TopicHub hub, String name, TypeToken<T> type) {
            this.hub = hub;
            this.name = name;
            this.type = type;
            JavaType javaType = Json.MAPPER.getTypeFactory().constructType(type.type());
            this.reader = Json.MAPPER.readerFor(javaType);
            this.writer = Json.MAPPER.writerFor(javaType);
        }

        synchronized void transport(Transport declared) {
            if (transport != null && transport != declared) {
                throw new IllegalStateException("Topic '" + name + "' travels over " + transport + ", not "
                        + declared + ": use one transport for every subscriber and publisher of a topic");
            }
            transport = declared;
        }

        /** One delivery for all the subscribers: the message and its trace. */
        void offer(Object message, Trace trace) {
            Delivery delivery = new Delivery(message, trace);
            for (SubscriberQueue<?> queue : queues) {
                queue.offer(delivery);
            }
        }

        /** Publishes in the trace of whatever the publishing thread works for; with an SDK, in a span. */
        void publish(T message) {
            Objects.requireNonNull(message, "message");
            RemoteTopics remote = hub.remote;
            boolean viaRedis = transport == Transport.REDIS && remote != null;
            Trace trace = Tracing.current();
            Span span = null;
            if (hub.tracing.spans()) {
                span = hub.tracing.send(name, viaRedis ? Tracing.REDIS : Tracing.SYSTEM, SpanKind.PRODUCER, "publish",
                        trace);
                trace = Trace.of(span, trace);
            }
            Throwable failure = null;
            try {
                if (viaRedis) {
                    String json;
                    try {
                        json = writer.writeValueAsString(message);
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException("Topic '" + name + "': the message cannot be written as JSON: "
                                + e.getOriginalMessage(), e);
                    }
                    remote.publish(name, json, trace);
                } else {
                    offer(message, trace);
                }
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                if (span != null) {
                    Tracing.end(span, failure);
                }
            }
            published.increment();
        }

        void deliver(String json, Trace trace) {
            Object message;
            try {
                message = reader.readValue(json);
                if (message == null) {
                    throw new IOException("null is not a message");
                }
            } catch (IOException e) {
                undecodable.increment();
                LOG.log(Level.WARNING, "Topic '" + name + "': a message from Redis is not JSON of " + type
                        + " and is dropped [trace " + trace.traceId() + "]: " + e.getMessage());
                return;
            }
            offer(message, trace);
        }
    }

    private record Handle<T>(TopicState<T> state) implements Topic<T> {
        @Override
        public String name() {
            return state.name;
        }

        @Override
        public void publish(T message) {
            state.publish(message);
        }
    }
}
