package io.managerhandlers.internal.observe;

import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.topic.TopicHub;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP front serves under {@code /observe/}: metrics in three formats, the probes, the
 * dashboard; and what it reports of every request (the status count, the access log line). Knows no HTTP
 * server: it answers {@link Page}s.
 */
public final class Observability {
    public static final String METRICS = "/observe/metrics";
    private static final String HEALTH = "/observe/health";
    private static final String LIVE = "/observe/health/live";
    private static final String READY = "/observe/health/ready";
    /** The longest a scrape waits for Redis's numbers. */
    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);

    private final List<HandlerSource> handlers;
    private final TopicHub topics;
    private final Lifecycle lifecycle;
    private final RemoteGauges redis;
    private final boolean accessLog;
    private final HttpStatusCounts statuses = new HttpStatusCounts();
    private final Health health;
    private final Dashboard dashboard = new Dashboard();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private final long createdNanos = System.nanoTime();
    private volatile boolean started;

    /** {@code redis}: null without Redis. */
    public Observability(List<HandlerSource> handlers, TopicHub topics, Lifecycle lifecycle, RemoteGauges redis,
            boolean accessLog) {
        this.handlers = List.copyOf(handlers);
        this.topics = topics;
        this.lifecycle = lifecycle;
        this.redis = redis;
        this.accessLog = accessLog;
        this.health = new Health(lifecycle, () -> started, redis);
    }

    /** The manager finished starting: ready from now on, while the other checks pass. */
    public void started() {
        started = true;
    }

    public boolean accessLog() {
        return accessLog;
    }

    /** The page of a route open without the API key (probes, dashboard), or null for any other path. */
    public Page open(String path) {
        return switch (path) {
            case HEALTH, READY -> health.ready();
            case LIVE -> health.live();
            default -> dashboard.page(path);
        };
    }

    /**
     * The metrics in the format the {@code Accept} header asks for: OpenMetrics, JSON, or else the
     * Prometheus text format. A scraper that accepts both text formats (Prometheus sends OpenMetrics
     * first) gets OpenMetrics.
     */
    public Page metrics(String accept) {
        MetricsReading reading = read();
        String wanted = accept == null ? "" : accept;
        if (openMetrics.accepts(wanted)) {
            return new Page(200, openMetrics.getContentType(), write(reading, true));
        }
        if (wanted.contains("application/json")) {
            return new Page(200, Page.JSON, JsonMetrics.of(reading));
        }
        return new Page(200, text.getContentType(), write(reading, false));
    }

    /** Counts an answered request, and logs it when the access log is on. */
    public void answered(String method, String path, int status, long bytes, long startNanos, String traceId) {
        statuses.count(status);
        if (accessLog) {
            AccessLog.log(method, path, status, bytes, System.nanoTime() - startNanos, traceId);
        }
    }

    private byte[] write(MetricsReading reading, boolean open) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            if (open) {
                openMetrics.write(out, PrometheusFamilies.of(reading));
            } else {
                text.write(out, PrometheusFamilies.of(reading));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private MetricsReading read() {
        List<MetricsReading.Handler> read = new ArrayList<>(handlers.size());
        for (HandlerSource source : handlers) {
            read.add(new MetricsReading.Handler(source, source.metrics().snapshot(), source.busy().getAsInt(),
                    source.pending().getAsInt()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> topicNumbers = (Map<String, Map<String, Object>>) (Map<?, ?>) topics.metrics();
        return new MetricsReading(read, topicNumbers, lifecycle.inFlight(), statuses.snapshot(),
                redis == null ? null : redis.read(REDIS_WAIT), health.report(),
                (System.nanoTime() - createdNanos) / 1_000_000);
    }
}
