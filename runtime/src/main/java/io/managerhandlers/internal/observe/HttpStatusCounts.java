package io.managerhandlers.internal.observe;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP answers counted by status code: an adder per code, made the first time the code is answered and
 * kept, so a request costs one lock-free increment and allocates nothing.
 */
public final class HttpStatusCounts {
    private static final int LOWEST = 100;
    private static final int HIGHEST = 599;

    private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(HIGHEST - LOWEST + 1);

    public void count(int status) {
        if (status < LOWEST || status > HIGHEST) {
            return;
        }
        int slot = status - LOWEST;
        LongAdder adder = counts.get(slot);
        if (adder == null) {
            counts.compareAndSet(slot, null, new LongAdder());
            adder = counts.get(slot);
        }
        adder.increment();
    }

    /** The codes answered so far, in order, with their counts. */
    public Map<Integer, Long> snapshot() {
        Map<Integer, Long> snapshot = new TreeMap<>();
        for (int slot = 0; slot < counts.length(); slot++) {
            LongAdder adder = counts.get(slot);
            if (adder != null) {
                snapshot.put(slot + LOWEST, adder.sum());
            }
        }
        return snapshot;
    }
}
