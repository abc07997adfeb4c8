package io.managerhandlers.internal.redis;

import java.time.Duration;

/**
 * The transport's clocks. {@code claimIdle}: how long an entry may sit unacknowledged, its heartbeat
 * stopped, before another instance takes it over; by default the slowest call's timeout, so that a request
 * taken over from a dead instance has always been given up by its caller (and is acknowledged without
 * running) while a dispatched call is run again. {@code sweep}: how often the reclaimer heartbeats the
 * entries running here and looks for idle ones. {@code block}: how long one {@code XREADGROUP} blocks.
 *
 * <p>Not public settings: the system properties {@code managerhandlers.redis.claim-idle-ms},
 * {@code managerhandlers.redis.sweep-ms} and {@code managerhandlers.redis.max-deliveries} exist so that
 * tests need not wait minutes for a dead instance's work to be taken over.
 */
record RedisTiming(Duration claimIdle, Duration sweep, Duration block, int maxDeliveries) {
    static final String CLAIM_IDLE = "managerhandlers.redis.claim-idle-ms";
    static final String SWEEP = "managerhandlers.redis.sweep-ms";
    static final String MAX_DELIVERIES = "managerhandlers.redis.max-deliveries";

    /** Deliveries of a dispatched call before it goes to the dead letters: the first and two more. */
    static final int DEFAULT_MAX_DELIVERIES = 3;

    static RedisTiming of(Duration slowestTimeout) {
        Duration claimIdle = millis(CLAIM_IDLE, slowestTimeout.plusSeconds(5));
        // Several heartbeats within one claim idle time; at most 4 sweeps a second, at least one every 10 s.
        Duration sweep = millis(SWEEP, Duration.ofMillis(Math.max(250, Math.min(claimIdle.toMillis() / 4, 10_000))));
        if (sweep.compareTo(claimIdle) >= 0) {
            throw new IllegalArgumentException(SWEEP + " must be shorter than " + CLAIM_IDLE);
        }
        int maxDeliveries = Integer.getInteger(MAX_DELIVERIES, DEFAULT_MAX_DELIVERIES);
        return new RedisTiming(claimIdle, sweep, Duration.ofSeconds(2), Math.max(1, maxDeliveries));
    }

    private static Duration millis(String property, Duration otherwise) {
        Long value = Long.getLong(property);
        return value == null || value < 1 ? otherwise : Duration.ofMillis(value);
    }
}
