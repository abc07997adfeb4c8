package io.managerhandlers.internal.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.managerhandlers.internal.bus.HandlerMetrics;
import io.managerhandlers.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reading as JSON in the framework's envelope, for people and for the dashboard: the fields the JSON
 * had before the Prometheus families came (calls, failures, timeouts, pending, replicas, meanMillis), and
 * the families' numbers beside them, the duration buckets not cumulative.
 */
final class JsonMetrics {
    private static final double[] BOUNDS = HandlerMetrics.bucketBoundsSeconds();

    private JsonMetrics() {
    }

    static byte[] of(MetricsReading reading) {
        Map<String, Object> handlers = new TreeMap<>();
        for (MetricsReading.Handler handler : reading.handlers()) {
            handlers.put(handler.name(), handler(handler));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("handlers", handlers);
        message.put("topics", reading.topics());
        message.put("inFlight", reading.inFlight());
        Map<String, Long> http = new LinkedHashMap<>();
        reading.http().forEach((code, count) -> http.put(Integer.toString(code), count));
        message.put("http", http);
        RemoteGauges.Reading redis = reading.redis();
        if (redis != null) {
            Map<String, Object> redisJson = new LinkedHashMap<>();
            redisJson.put("connected", redis.connected());
            redisJson.put("url", redis.url());
            Map<String, Object> perHandler = new TreeMap<>();
            redis.handlers().forEach((name, gauges) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("pending", gauges.pending() < 0 ? null : gauges.pending());
                one.put("deadLetters", gauges.deadLetters() < 0 ? null : gauges.deadLetters());
                perHandler.put(name, one);
            });
            redisJson.put("handlers", perHandler);
            message.put("redis", redisJson);
        }
        message.put("ready", reading.ready().json());
        message.put("uptimeMillis", reading.uptimeMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "Ok");
        body.put("message", message);
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Metrics cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> handler(MetricsReading.Handler handler) {
        HandlerMetrics.Snapshot counts = handler.counts();
        long finished = counts.finished();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("calls", counts.started());
        one.put("failures", counts.failed());
        one.put("timeouts", counts.timedOut());
        one.put("pending", handler.pending());
        one.put("replicas", handler.source().replicas());
        one.put("meanMillis", finished == 0 ? 0.0 : counts.nanos() / 1e6 / finished);
        one.put("kind", handler.source().kind());
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", counts.succeeded());
        outcomes.put("error", counts.failed());
        outcomes.put("timeout", counts.timedOut());
        outcomes.put("rejected", counts.rejected());
        one.put("outcomes", outcomes);
        one.put("busy", handler.busy());
        one.put("queued", handler.queued());
        Map<String, Object> duration = new LinkedHashMap<>();
        duration.put("count", finished);
        duration.put("sumSeconds", counts.nanos() / 1e9);
        duration.put("bounds", BOUNDS);
        duration.put("counts", counts.buckets());
        one.put("duration", duration);
        return one;
    }
}
