package io.managerhandlers.internal.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of JSON bodies in flight, all requests together, kept within {@code maxInFlightBodyBytes}.
 * {@code maxJsonBytes} bounds one body; this bounds them all, so that many large bodies at once are shed
 * with 503 before they are read rather than run the heap out. A reservation is taken before a body is read
 * and given back once its answer is written; one larger than the whole budget takes all of it, so it is
 * served when nothing else is in flight.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves room for a body of {@code bytes}; the bytes reserved, or -1 when the budget has no room. */
    long reserve(long bytes) {
        long wanted = Math.min(Math.max(bytes, 0), limit);
        while (true) {
            long now = used.get();
            if (now + wanted > limit) {
                return -1;
            }
            if (used.compareAndSet(now, now + wanted)) {
                return wanted;
            }
        }
    }

    void release(long reserved) {
        if (reserved > 0) {
            used.addAndGet(-reserved);
        }
    }

    /** Bytes reserved right now (for tests). */
    long used() {
        return used.get();
    }
}
