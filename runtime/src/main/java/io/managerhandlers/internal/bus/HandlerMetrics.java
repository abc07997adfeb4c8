package io.managerhandlers.internal.bus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one handler, cheap enough for every call. */
public final class HandlerMetrics {
    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void started() {
        calls.increment();
    }

    void finished(long startNanos, boolean failed) {
        nanos.add(System.nanoTime() - startNanos);
        if (failed) {
            failures.increment();
        }
    }

    public void timedOut() {
        timeouts.increment();
    }

    /** A snapshot, for {@code GET /observe/metrics}. */
    public Map<String, Object> snapshot(int pending, int replicas) {
        long count = calls.sum();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("calls", count);
        map.put("failures", failures.sum());
        map.put("timeouts", timeouts.sum());
        map.put("pending", pending);
        map.put("replicas", replicas);
        map.put("meanMillis", count == 0 ? 0.0 : nanos.sum() / 1e6 / count);
        return map;
    }
}
