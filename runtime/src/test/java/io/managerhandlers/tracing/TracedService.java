package io.managerhandlers.tracing;

import io.managerhandlers.Endpoint;
import io.managerhandlers.Manager;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The service of the tracing tests, in two roles sharing one Redis. The front instance serves {@code POST
 * /front}, whose handler calls {@code inner} three ways (blocking, asynchronous, dispatched), {@code remote}
 * through Redis (served only by the back instance), and publishes on a local topic and on a {@code REDIS}
 * topic. The back instance serves {@code remote}, which publishes on its own local topic. Each handler run and
 * each delivery reports where it ran, its {@code Call.traceId()} and what {@code Span.current()} holds.
 */
final class TracedService {
    static final String LOCAL_TOPIC = "local-events";
    static final String REDIS_TOPIC = "shared-events";

    /** What one handler run or delivery saw: {@code Call.traceId()} (or "-" for a subscriber), and the span. */
    record Seen(String where, String callTraceId, String spanTraceId, String spanId) {
        static Seen of(String where, String callTraceId) {
            SpanContext span = Span.current().getSpanContext();
            return new Seen(where, callTraceId, span.isValid() ? span.getTraceId() : "-",
                    span.isValid() ? span.getSpanId() : "-");
        }

        String line() {
            return "SEEN " + where + " " + callTraceId + " " + spanTraceId + " " + spanId;
        }

        static Seen parse(String line) {
            String[] parts = line.split(" ");
            return new Seen(parts[1], parts[2], parts[3], parts[4]);
        }
    }

    private TracedService() {
    }

    /** The front instance, with HTTP on a free port; {@code openTelemetry} null: no SDK. */
    static Manager front(String redis, OpenTelemetry openTelemetry, BiConsumer<String, Seen> seen) {
        TypeToken<String> text = TypeToken.of(String.class);
        Manager.Builder builder = Manager.builder().port(0).host("127.0.0.1").redis(redis)
                .busTimeout(Duration.ofSeconds(20))
                .handler("front", 1, m -> {
                    Endpoint<String, String> inner = m.endpoint("inner", text, text);
                    return (data, call) -> {
                        seen.accept("a", Seen.of("front", call.traceId()));
                        inner.publish("blocking");
                        inner.publishAsync("async").join();
                        inner.dispatch("dispatch");
                        String answer = m.remote().publish("remote", data, Duration.ofSeconds(20));
                        m.topic(LOCAL_TOPIC, text).publish("from front");
                        m.topic(REDIS_TOPIC, text).publish("from front");
                        return call.traceId() + " " + answer;
                    };
                })
                .handler("inner", 3, m -> (mode, call) -> {
                    seen.accept("a", Seen.of("inner-" + mode, call.traceId()));
                    return mode;
                })
                .subscriber(m -> new Object(), (subscriber, on) -> on
                        .on(LOCAL_TOPIC, Transport.LOCAL, text, message -> seen.accept("a", Seen.of(LOCAL_TOPIC, "-")))
                        .on(REDIS_TOPIC, Transport.REDIS, text, message -> seen.accept("a", Seen.of(REDIS_TOPIC, "-"))));
        if (openTelemetry != null) {
            builder.openTelemetry(openTelemetry);
        }
        return builder.build().start();
    }

    /** The back instance, bus only: it serves {@code remote}. */
    static Manager back(String redis, OpenTelemetry openTelemetry, BiConsumer<String, Seen> seen) {
        TypeToken<String> text = TypeToken.of(String.class);
        Manager.Builder builder = Manager.builder().redis(redis).busTimeout(Duration.ofSeconds(20))
                .handler("remote", 1, m -> (data, call) -> {
                    seen.accept("b", Seen.of("remote", call.traceId()));
                    m.topic(LOCAL_TOPIC, text).publish("from remote");
                    return "ran on b as " + call.source();
                })
                .subscriber(m -> new Object(), (subscriber, on) -> on
                        .on(LOCAL_TOPIC, Transport.LOCAL, text, message -> seen.accept("b", Seen.of(LOCAL_TOPIC, "-")))
                        .on(REDIS_TOPIC, Transport.REDIS, text, message -> seen.accept("b", Seen.of(REDIS_TOPIC, "-"))));
        if (openTelemetry != null) {
            builder.openTelemetry(openTelemetry);
        }
        return builder.build().startWithoutServer();
    }
}
