package io.managerhandlers.tracing;

import static io.managerhandlers.tracing.CrossProcessTracingTest.TRACEPARENT;
import static io.managerhandlers.tracing.CrossProcessTracingTest.TRACE_ID;
import static io.managerhandlers.tracing.CrossProcessTracingTest.awaitTrue;
import static io.managerhandlers.tracing.CrossProcessTracingTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Endpoint;
import io.managerhandlers.Manager;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.managerhandlers.redis.LocalRedis;
import io.managerhandlers.tracing.TracedService.Seen;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context without an OpenTelemetry SDK: the ids still travel — from the request's header, through
 * the bus, Redis and topics — and a request without one starts a new trace, the same everywhere it goes.
 */
class TraceContextTest {
    static LocalRedis redis;
    private final List<Manager> managers = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stop() {
        managers.forEach(Manager::stop);
    }

    @Test
    void withoutAnSdkTheRequestsTraceStillReachesEveryCallOnBothInstances() throws Exception {
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        managers.add(TracedService.back(redis.url(), null, (instance, s) -> seen.put(instance + ":" + s.where(), s)));
        Manager a = TracedService.front(redis.url(), null, (instance, s) -> seen.put(instance + ":" + s.where(), s));
        managers.add(a);
        List<String> calls = List.of("a:front", "a:inner-blocking", "a:inner-async", "a:inner-dispatch", "b:remote");

        HttpResponse<String> continued = post(a, TRACEPARENT);
        assertThat(continued.statusCode()).as(continued.body()).isEqualTo(200);
        assertThat(continued.body()).contains(TRACE_ID + " ran on b as redis");
        awaitTrue(() -> seen.keySet().containsAll(calls), seen::toString);
        for (String call : calls) {
            assertThat(seen.get(call).callTraceId()).as(call).isEqualTo(TRACE_ID);
        }

        for (String header : new String[] {null, "00-not-a-trace-01", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"}) {
            seen.clear();
            HttpResponse<String> started = post(a, header);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String traceId = started.body().replaceAll("^.*\"message\":\"([0-9a-f]*) .*$", "$1");
            assertThat(traceId).as("a new trace for " + header).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32))
                    .isNotEqualTo(TRACE_ID);
            awaitTrue(() -> seen.keySet().containsAll(calls), seen::toString);
            for (String call : calls) {
                assertThat(seen.get(call).callTraceId()).as(call + " with " + header).isEqualTo(traceId);
            }
        }
    }

    @Test
    void subscribersOfLocalAndRedisTopicsContinueThePublishersTraceAndFailuresAreLoggedWithIt() throws Exception {
        TypeToken<String> text = TypeToken.of(String.class);
        Map<String, String> traceOf = new ConcurrentHashMap<>();
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger managerLog = Logger.getLogger(Manager.class.getName());
        managerLog.addHandler(capture);
        try {
            Manager manager = Manager.builder().redis(redis.url())
                    .handler("start", 1, m -> (data, call) -> {
                        traceOf.put("start", call.traceId());
                        assertThat(call.traceparent()).matches("00-" + call.traceId() + "-[0-9a-f]{16}-01");
                        m.topic("local-topic", text).publish("x");
                        m.topic("redis-topic", text).publish("y");
                        m.endpoint("boom", text, text).dispatch("z");
                        return call.traceId();
                    })
                    .handler("probe", 2, m -> (from, call) -> {
                        traceOf.put(from, call.traceId());
                        return from;
                    })
                    .handler("boom", 1, m -> (data, call) -> {
                        traceOf.put("boom", call.traceId());
                        throw new IllegalStateException("boom in the dispatched call");
                    })
                    .subscriber(m -> m.endpoint("probe", text, text), (probe, on) -> on
                            .on("local-topic", Transport.LOCAL, text, message -> probe.publish("local-topic"))
                            .on("redis-topic", Transport.REDIS, text, message -> probe.publish("redis-topic")))
                    .build().startWithoutServer();
            managers.add(manager);

            Endpoint<String, String> start = manager.endpoint("start", text, text);
            String traceId = start.publish("go");
            awaitTrue(() -> traceOf.keySet().containsAll(List.of("local-topic", "redis-topic", "boom")),
                    traceOf::toString);
            assertThat(traceOf).containsEntry("start", traceId).containsEntry("local-topic", traceId)
                    .containsEntry("redis-topic", traceId).containsEntry("boom", traceId);
            awaitTrue(() -> logged.stream().anyMatch(r -> r.getMessage().contains("A dispatched call failed")),
                    logged::toString);
            assertThat(logged).filteredOn(r -> r.getMessage().contains("A dispatched call failed"))
                    .allSatisfy(r -> assertThat(r.getMessage()).contains("[trace " + traceId + "]"));
            // A second call from outside any handler starts a trace of its own.
            assertThat(start.publish("again")).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
        } finally {
            managerLog.removeHandler(capture);
        }
    }

    @Test
    void inTheRustCratesFormatTheTraceRidesAsExtraFieldsOfTheEnvelope() throws Exception {
        TypeToken<String> text = TypeToken.of(String.class);
        Map<String, String> traceOf = new ConcurrentHashMap<>();
        List<String> onTheChannel = new CopyOnWriteArrayList<>();
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.url());
        try (var listener = client.connectPubSub()) {
            listener.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onTheChannel.add(message);
                }
            });
            listener.sync().subscribe("compat-remote");
            managers.add(Manager.builder().redis(redis.url()).redisCompat(true)
                    .handler("compat-remote", 1, m -> (data, call) -> {
                        traceOf.put("remote", call.traceId());
                        return data;
                    })
                    .build().startWithoutServer());
            Manager a = Manager.builder().redis(redis.url()).redisCompat(true)
                    .handler("compat-front", 1, m -> (data, call) -> {
                        traceOf.put("front", call.traceId());
                        return m.remote().publish("compat-remote", data, Duration.ofSeconds(20));
                    })
                    .build().startWithoutServer();
            managers.add(a);

            String answer;
            try (var scope = io.opentelemetry.api.trace.Span.wrap(io.opentelemetry.api.trace.SpanContext.create(
                    TRACE_ID, "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
                    io.opentelemetry.api.trace.TraceState.getDefault())).makeCurrent()) {
                answer = a.endpoint("compat-front", text, text).publish("hello", Duration.ofSeconds(20));
            }
            assertThat(answer).isEqualTo("hello");
            assertThat(traceOf).containsEntry("front", TRACE_ID).containsEntry("remote", TRACE_ID);
            awaitTrue(() -> !onTheChannel.isEmpty(), onTheChannel::toString);
            assertThat(onTheChannel.get(0)).contains("\"id\":", "\"message\":\"hello\"", "\"reply_channel\":",
                    "\"traceparent\":\"00-" + TRACE_ID + "-");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aCallFromOutsideAnyHandlerContinuesTheCurrentOpenTelemetrySpan() {
        TypeToken<String> text = TypeToken.of(String.class);
        Manager manager = Manager.builder().handler("id", 1, m -> (data, call) -> call.traceparent()).build()
                .startWithoutServer();
        managers.add(manager);
        io.opentelemetry.api.trace.SpanContext outer = io.opentelemetry.api.trace.SpanContext.create(TRACE_ID,
                "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
                io.opentelemetry.api.trace.TraceState.getDefault());
        try (var scope = io.opentelemetry.api.trace.Span.wrap(outer).makeCurrent()) {
            assertThat(manager.endpoint("id", text, text).publish("x", Duration.ofSeconds(10))).isEqualTo(TRACEPARENT);
        }
    }
}
