package io.managerhandlers.internal.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one handler, cheap enough for every call: each replica counts its own calls and their
 * durations with plain stores (it is their only writer) — no lock, no allocation — and a snapshot adds
 * them up. Timeouts and rejections are counted by the callers, off the path of a call that runs, so they
 * share adders.
 */
public final class HandlerMetrics {
    /**
     * Upper bounds of the duration buckets in nanoseconds, from 25 µs to a minute; a last bucket (no
     * bound) takes the rest.
     */
    private static final long[] BOUNDS_NANOS = {
        25_000L, 50_000L, 100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L, 30_000_000_000L, 60_000_000_000L};

    private final LongAdder timeouts = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();

    /** The counters of one more replica, to be written by one thread at a time only. */
    Replica replica() {
        Replica replica = new Replica(false);
        replicas.add(replica);
        return replica;
    }

    /**
     * Counters any number of threads may write at once (atomic adds): for handlers whose instances are
     * lent to callers rather than run by a thread of their own, such as file handlers.
     */
    public Replica shared() {
        Replica replica = new Replica(true);
        replicas.add(replica);
        return replica;
    }

    /** A caller's deadline passed before the call's answer (queued or running past it). */
    public void timedOut() {
        timeouts.increment();
    }

    /** A call was refused without being queued: its handler's queue was full. */
    public void rejected() {
        rejections.increment();
    }

    /** The upper bounds of the duration buckets, in seconds; the last, unbounded bucket is not listed. */
    public static double[] bucketBoundsSeconds() {
        double[] seconds = new double[BOUNDS_NANOS.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = BOUNDS_NANOS[i] / 1e9;
        }
        return seconds;
    }

    /**
     * The counts so far. {@code buckets} holds the finished calls per duration bucket (not cumulative), one
     * more than {@link #bucketBoundsSeconds()}; {@code failed} of the finished calls threw.
     */
    public record Snapshot(long started, long failed, long timedOut, long rejected, long[] buckets, long nanos) {
        /** Calls that ran to their end, either way. */
        public long finished() {
            long sum = 0;
            for (long bucket : buckets) {
                sum += bucket;
            }
            return sum;
        }

        public long succeeded() {
            return Math.max(0, finished() - failed);
        }
    }

    public Snapshot snapshot() {
        long started = 0;
        long failures = 0;
        long nanos = 0;
        long[] buckets = new long[BOUNDS_NANOS.length + 1];
        for (Replica replica : replicas) {
            // Failures first (acquire), buckets after: a failed call is never seen failed yet unfinished.
            failures += (long) Replica.FAILURES.getAcquire(replica);
            started += (long) Replica.CALLS.getOpaque(replica);
            nanos += (long) Replica.NANOS.getOpaque(replica);
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += (long) Replica.BUCKETS.getOpaque(replica.buckets, i);
            }
        }
        return new Snapshot(started, failures, timeouts.sum(), rejections.sum(), buckets, nanos);
    }

    /**
     * One replica's counters. Opaque stores: atomic and eventually visible, with no fence on the call path;
     * a shared one adds atomically instead.
     */
    public static final class Replica {
        private static final VarHandle CALLS;
        private static final VarHandle FAILURES;
        private static final VarHandle NANOS;
        private static final VarHandle BUCKETS = MethodHandles.arrayElementVarHandle(long[].class);

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

        private final boolean shared;
        private final long[] buckets = new long[BOUNDS_NANOS.length + 1];
        @SuppressWarnings("unused") private long calls;
        @SuppressWarnings("unused") private long failures;
        @SuppressWarnings("unused") private long nanos;

        private Replica(boolean shared) {
            this.shared = shared;
        }

        public void started() {
            if (shared) {
                CALLS.getAndAdd(this, 1L);
            } else {
                CALLS.setOpaque(this, (long) CALLS.getOpaque(this) + 1);
            }
        }

        public void finished(long startNanos, long endNanos, boolean failed) {
            long took = endNanos - startNanos;
            int bucket = 0;
            while (bucket < BOUNDS_NANOS.length && took > BOUNDS_NANOS[bucket]) {
                bucket++;
            }
            if (shared) {
                BUCKETS.getAndAdd(buckets, bucket, 1L);
                NANOS.getAndAdd(this, took);
                if (failed) {
                    FAILURES.getAndAdd(this, 1L);
                }
            } else {
                BUCKETS.setOpaque(buckets, bucket, (long) BUCKETS.getOpaque(buckets, bucket) + 1);
                NANOS.setOpaque(this, (long) NANOS.getOpaque(this) + took);
                if (failed) {
                    // Release, after the bucket: a snapshot that sees the failure sees the call finished.
                    FAILURES.setRelease(this, (long) FAILURES.getOpaque(this) + 1);
                }
            }
        }
    }
}
