package io.managerhandlers.internal.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one handler, cheap enough for every call: each replica counts its own calls with plain
 * stores (it is their only writer), and a snapshot adds them up. Timeouts are counted by the callers, so
 * they share an adder.
 */
public final class HandlerMetrics {
    private final LongAdder timeouts = new LongAdder();
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();

    /** The counters of one more replica, to be written by its thread only. */
    Replica replica() {
        Replica replica = new Replica();
        replicas.add(replica);
        return replica;
    }

    public void timedOut() {
        timeouts.increment();
    }

    /** A snapshot, for {@code GET /observe/metrics}. */
    public Map<String, Object> snapshot(int pending, int replicaCount) {
        long count = 0;
        long failures = 0;
        long nanos = 0;
        for (Replica replica : replicas) {
            count += (long) Replica.CALLS.getOpaque(replica);
            failures += (long) Replica.FAILURES.getOpaque(replica);
            nanos += (long) Replica.NANOS.getOpaque(replica);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("calls", count);
        map.put("failures", failures);
        map.put("timeouts", timeouts.sum());
        map.put("pending", pending);
        map.put("replicas", replicaCount);
        map.put("meanMillis", count == 0 ? 0.0 : nanos / 1e6 / count);
        return map;
    }

    /** One replica's counters. Opaque stores: atomic and eventually visible, with no fence on the call path. */
    static final class Replica {
        private static final VarHandle CALLS;
        private static final VarHandle FAILURES;
        private static final VarHandle NANOS;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                CALLS = lookup.findVarHandle(Replica.class, "calls", long.class);
                FAILURES = lookup.findVarHandle(Replica.class, "failures", long.class);
                NANOS = lookup.findVarHandle(Replica.class, "nanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") private long calls;
        @SuppressWarnings("unused") private long failures;
        @SuppressWarnings("unused") private long nanos;

        void started() {
            CALLS.setOpaque(this, (long) CALLS.getOpaque(this) + 1);
        }

        void finished(long startNanos, long endNanos, boolean failed) {
            NANOS.setOpaque(this, (long) NANOS.getOpaque(this) + endNanos - startNanos);
            if (failed) {
                FAILURES.setOpaque(this, (long) FAILURES.getOpaque(this) + 1);
            }
        }
    }
}
