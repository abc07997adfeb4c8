package io.managerhandlers.internal.observe;

import io.managerhandlers.internal.bus.HandlerMetrics;
import java.util.List;
import java.util.Map;

/**
 * Every number of the service at one moment, read once per scrape and then written in whichever format
 * was asked for.
 *
 * @param redis null without Redis
 */
record MetricsReading(List<Handler> handlers, Map<String, Map<String, Object>> topics, int inFlight,
        Map<Integer, Long> http, RemoteGauges.Reading redis, Health.Report ready, long uptimeMillis) {

    /** One handler: its counts, and its replicas and queue right now. */
    record Handler(HandlerSource source, HandlerMetrics.Snapshot counts, int busy, int pending) {
        String name() {
            return source.name();
        }

        /** Calls waiting for a replica: held calls that no busy replica runs. */
        int queued() {
            return Math.max(0, pending - busy);
        }
    }

    static long number(Map<String, Object> topic, String key) {
        return topic.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
