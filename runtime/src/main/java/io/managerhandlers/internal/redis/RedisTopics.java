package io.managerhandlers.internal.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.RedisFuture;
import io.managerhandlers.internal.redis.Wire.TopicMessage;
import io.managerhandlers.internal.json.Json;
import io.managerhandlers.internal.topic.TopicHub;
import io.managerhandlers.internal.trace.Trace;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code REDIS} topics: a message is the JSON of the value, published on {@code mh:topic:<name>}; every
 * instance subscribed to the channel, this one included, hands it to its subscribers. Redis pub/sub is
 * at-most-once: a message published while an instance is disconnected never reaches it.
 *
 * <p>Messages are heard on Lettuce's event loop, which must never block, so each topic has a hand-off queue
 * ({@value #HAND_OFF} messages) drained by one virtual thread, which keeps their order and may wait for a
 * slow subscriber. When that queue is full, messages are dropped, logged and counted.
 *
 * <p>In compatibility mode a topic speaks the Rust crate's way instead: its channel is the topic's own name,
 * and a message is the bare payload — the raw text of a {@code String} topic, the JSON of any other — which
 * is what the crate's {@code publish_topic_redis} sends and its {@code subscribe_topic_redis} reads.
 */
final class RedisTopics implements TopicHub.RemoteTopics {
    static final int HAND_OFF = 65_536;

    private final RedisTransport transport;
    private final TopicHub hub;
    private final boolean compat;
    private final Map<String, BlockingQueue<String>> inbound = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private final List<Thread> drainers = new ArrayList<>();

    RedisTopics(RedisTransport transport, TopicHub hub, boolean compat) {
        this.transport = transport;
        this.hub = hub;
        this.compat = compat;
    }

    /** The channel of a topic: {@code mh:topic:<topic>}, or in compatibility mode the topic's name. */
    String channel(String topic) {
        return compat ? topic : Wire.topicChannel(topic);
    }

    /** What goes on the channel for a message whose JSON is {@code json}. */
    private String payload(String topic, String json) {
        if (!compat || !hub.carriesText(topic)) {
            return json;
        }
        try {
            return Json.MAPPER.readTree(json).asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Topic '" + topic + "': a String message is not a JSON string: " + json, e);
        }
    }

    /** The JSON of a message heard on the channel: a {@code String} topic's raw text is quoted. */
    private String json(String topic, String payload) {
        if (!compat || !hub.carriesText(topic)) {
            return payload;
        }
        return Json.MAPPER.getNodeFactory().textNode(payload).toString();
    }

    /**
     * Publishes without waiting for Redis; a Redis known to be unreachable fails the call at once.
     *
     * @throws RedisUnavailableException Redis is disconnected (commands are rejected while it is)
     */
    @Override
    public void publish(String topic, String json, Trace trace) {
        // A compatibility-mode message is the crate's bare payload: no room for the trace.
        RedisFuture<Long> sent = transport.commands(topic).publish(channel(topic),
                compat ? payload(topic, json) : Wire.topicMessage(trace, json));
        CompletableFuture<Long> future = sent.toCompletableFuture();
        if (future.isCompletedExceptionally()) {
            transport.await(topic, sent);             // throws the failure, as RedisUnavailableException
        }
        future.whenComplete((receivers, failure) -> {
            if (failure != null) {
                transport.log(Level.WARNING, "A message to topic '" + topic + "' may be lost: " + failure.getMessage());
            }
        });
    }

    /** The queues for the topics subscribed here; each drained by a virtual thread until {@link #stop()}. */
    void start(Iterable<String> topics) {
        for (String topic : topics) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>(HAND_OFF);
            inbound.put(topic, queue);
            drainers.add(Thread.ofVirtual().name("mh-redis-topic-" + topic).start(() -> drain(topic, queue)));
        }
    }

    /** A message on the topic's channel, heard on the event loop: queued, never waited for. */
    void onMessage(String topic, String payload) {
        BlockingQueue<String> queue = inbound.get(topic);
        if (queue != null && !queue.offer(json(topic, payload))) {
            dropped.increment();
            if (Long.bitCount(dropped.sum()) == 1) {  // 1, 2, 4, 8...: logged, not flooded
                transport.warn("Topic '" + topic + "': its subscribers here are " + HAND_OFF
                        + " messages behind; messages are being dropped (" + dropped.sum() + " so far)");
            }
        }
    }

    private void drain(String topic, BlockingQueue<String> queue) {
        while (!Thread.currentThread().isInterrupted()) {
            String message;
            try {
                message = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (compat) {                 // the crate's bare payload, which carries no trace
                    hub.deliver(topic, message, null);
                } else {
                    TopicMessage read = TopicMessage.parse(message);
                    hub.deliver(topic, read.json(), read.trace());
                }
            } catch (RuntimeException e) {
                transport.log(Level.WARNING, "A message of topic '" + topic + "' could not be delivered: " + e);
            }
        }
    }

    /** Stops handing messages over (the subscribers then finish what they have, as the hub stops them). */
    void stop() {
        inbound.clear();
        drainers.forEach(Thread::interrupt);
    }
}
