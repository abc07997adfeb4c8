package io.managerhandlers.internal.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The correlation ids of the calls run here lately, so that an entry delivered again (its acknowledgement
 * was lost) is acknowledged rather than run twice. Two generations: an id is remembered for at least one
 * {@code window} and at most two, and for at least the last {@code capacity} calls, in bounded memory.
 */
final class RecentIds {
    private final long windowNanos;
    private final int capacity;
    private volatile Set<String> current = ConcurrentHashMap.newKeySet();
    private volatile Set<String> previous = Set.of();
    private volatile long rotatedNanos = System.nanoTime();

    RecentIds(java.time.Duration window, int capacity) {
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
    }

    void add(String id) {
        Set<String> now = current;
        now.add(id);
        if (now.size() > capacity || System.nanoTime() - rotatedNanos > windowNanos) {
            rotate(now);
        }
    }

    boolean contains(String id) {
        return current.contains(id) || previous.contains(id);
    }

    private synchronized void rotate(Set<String> seen) {
        if (current == seen) {
            previous = seen;
            current = ConcurrentHashMap.newKeySet();
            rotatedNanos = System.nanoTime();
        }
    }
}
