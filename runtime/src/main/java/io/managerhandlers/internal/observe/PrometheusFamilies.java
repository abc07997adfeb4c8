package io.managerhandlers.internal.observe;

import io.managerhandlers.internal.bus.HandlerMetrics;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A reading as Prometheus families (the client library's model, which its writers turn into the
 * Prometheus text format or OpenMetrics). Counter names are given without {@code _total}: the writers add
 * it. A family with no sample is left out.
 */
final class PrometheusFamilies {
    private static final double[] BOUNDS = withInfinity(HandlerMetrics.bucketBoundsSeconds());

    private PrometheusFamilies() {
    }

    static MetricSnapshots of(MetricsReading reading) {
        List<MetricSnapshot> families = new ArrayList<>();
        handlers(reading.handlers(), families);
        topics(reading.topics(), families);
        CounterSnapshot.Builder http = CounterSnapshot.builder().name("mh_http_requests")
                .help("HTTP requests answered, by status code");
        reading.http().forEach((code, count) -> http.dataPoint(counter(count, "code", Integer.toString(code))));
        add(families, http.build());
        RemoteGauges.Reading redis = reading.redis();
        if (redis != null) {
            redis(redis, families);
        }
        return new MetricSnapshots(families);
    }

    private static void handlers(List<MetricsReading.Handler> handlers, List<MetricSnapshot> families) {
        CounterSnapshot.Builder calls = CounterSnapshot.builder().name("mh_handler_calls")
                .help("Calls to a handler by outcome: ok, error (the handler threw), timeout (the caller's deadline "
                        + "passed first), rejected (its queue was full)");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name("mh_handler_duration_seconds")
                .unit(Unit.SECONDS).help("How long a handler ran, per finished call");
        GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name("mh_handler_queued")
                .help("Calls waiting for a free replica of a handler");
        GaugeSnapshot.Builder busy = GaugeSnapshot.builder().name("mh_handler_busy_replicas")
                .help("Replicas of a handler running a call");
        GaugeSnapshot.Builder replicas = GaugeSnapshot.builder().name("mh_handler_replicas")
                .help("Replicas of a handler");
        for (MetricsReading.Handler handler : handlers) {
            String name = handler.name();
            HandlerMetrics.Snapshot counts = handler.counts();
            calls.dataPoint(counter(counts.succeeded(), "handler", name, "outcome", "ok"));
            calls.dataPoint(counter(counts.failed(), "handler", name, "outcome", "error"));
            calls.dataPoint(counter(counts.timedOut(), "handler", name, "outcome", "timeout"));
            calls.dataPoint(counter(counts.rejected(), "handler", name, "outcome", "rejected"));
            durations.dataPoint(HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("handler", name))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts.buckets()))
                    .sum(counts.nanos() / 1e9)
                    .build());
            queued.dataPoint(gauge(handler.queued(), "handler", name));
            busy.dataPoint(gauge(handler.busy(), "handler", name));
            replicas.dataPoint(gauge(handler.source().replicas(), "handler", name));
        }
        add(families, calls.build());
        add(families, durations.build());
        add(families, queued.build());
        add(families, busy.build());
        add(families, replicas.build());
    }

    private static void topics(Map<String, Map<String, Object>> topics, List<MetricSnapshot> families) {
        CounterSnapshot.Builder published = CounterSnapshot.builder().name("mh_topic_published")
                .help("Messages published to a topic from this instance");
        CounterSnapshot.Builder delivered = CounterSnapshot.builder().name("mh_topic_delivered")
                .help("Messages handed to a subscriber of a topic in this instance");
        CounterSnapshot.Builder failures = CounterSnapshot.builder().name("mh_topic_failures")
                .help("Deliveries whose subscriber threw, and messages from Redis that were not of the topic's type");
        topics.forEach((topic, numbers) -> {
            published.dataPoint(counter(MetricsReading.number(numbers, "published"), "topic", topic));
            delivered.dataPoint(counter(MetricsReading.number(numbers, "delivered"), "topic", topic));
            failures.dataPoint(counter(MetricsReading.number(numbers, "failures"), "topic", topic));
        });
        add(families, published.build());
        add(families, delivered.build());
        add(families, failures.build());
    }

    private static void redis(RemoteGauges.Reading redis, List<MetricSnapshot> families) {
        add(families, GaugeSnapshot.builder().name("mh_redis_connected")
                .help("1 while this instance is connected to Redis, 0 otherwise")
                .dataPoint(GaugeDataPointSnapshot.builder().value(redis.connected() ? 1 : 0).build()).build());
        GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name("mh_redis_pending")
                .help("Entries of a handler's request stream delivered to an instance and not yet acknowledged");
        CounterSnapshot.Builder dead = CounterSnapshot.builder().name("mh_redis_dead_letters")
                .help("Entries in a handler's dead letters (mh:dead:<handler>), which failed every delivery");
        redis.handlers().forEach((handler, gauges) -> {
            if (gauges.pending() >= 0) {
                pending.dataPoint(gauge(gauges.pending(), "handler", handler));
            }
            if (gauges.deadLetters() >= 0) {
                dead.dataPoint(counter(gauges.deadLetters(), "handler", handler));
            }
        });
        add(families, pending.build());
        add(families, dead.build());
    }

    private static void add(List<MetricSnapshot> families, MetricSnapshot family) {
        if (!family.getDataPoints().isEmpty()) {
            families.add(family);
        }
    }

    private static CounterDataPointSnapshot counter(long value, String... labels) {
        return CounterDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(long value, String... labels) {
        return GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build();
    }

    private static double[] withInfinity(double[] bounds) {
        double[] all = java.util.Arrays.copyOf(bounds, bounds.length + 1);
        all[bounds.length] = Double.POSITIVE_INFINITY;
        return all;
    }
}
