package io.managerhandlers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * The one rule for upper bounds on time in tests: only where the subject is a timeout, and then the timeout
 * plus {@link #MARGIN}, generous enough for a loaded machine. Whatever the test guards against (a caller
 * that waits for the handler instead of its deadline, a connection never cut) must take longer than that.
 */
public final class TimeBounds {
    /** What a loaded machine may add to a timeout before the outcome is seen. */
    public static final Duration MARGIN = Duration.ofSeconds(8);

    private TimeBounds() {
    }

    /** The time since {@code startNanos} (a {@link System#nanoTime()} value). */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** {@code timeout} plus the margin. */
    public static Duration bound(Duration timeout) {
        return timeout.plus(MARGIN);
    }

    /** Asserts that what started at {@code startNanos} ended within {@code timeout} plus the margin. */
    public static void endedWithin(long startNanos, Duration timeout, String what) {
        assertThat(since(startNanos)).as("%s: within its timeout of %s ms (+ %s s margin)", what,
                timeout.toMillis(), MARGIN.toSeconds()).isLessThan(bound(timeout));
    }
}
