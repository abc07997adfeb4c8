package io.managerhandlers.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting for something to happen in a test: polls a condition until it holds, and fails naming what did
 * not happen once a deadline passes. The deadline is generous (30 s by default) because it only bounds a
 * test that is failing anyway; a passing test waits exactly as long as the event takes.
 */
public final class Eventually {
    /** How long a test waits for an event before it fails: long enough for a loaded machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    /** A condition that may throw (a request, a Redis command). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} holds, at most {@link #DEFAULT}. */
    public static void await(String what, Condition condition) throws InterruptedException {
        await(what, DEFAULT, condition);
    }

    /** Waits until {@code condition} holds, at most {@code within}; fails with {@code what} after that. */
    public static void await(String what, Duration within, Condition condition) throws InterruptedException {
        get(what, within, condition::holds, Boolean::booleanValue);
    }

    /** Polls {@code value} until {@code accepted} takes it, and returns it; at most {@link #DEFAULT}. */
    public static <T> T get(String what, Callable<T> value, Predicate<? super T> accepted) throws InterruptedException {
        return get(what, DEFAULT, value, accepted);
    }

    /**
     * Polls {@code value} until {@code accepted} takes it, and returns it. An exception thrown by
     * {@code value} counts as "not yet"; the last one is reported if the deadline passes.
     */
    public static <T> T get(String what, Duration within, Callable<T> value, Predicate<? super T> accepted)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        T last = null;
        Exception failure = null;
        while (true) {
            try {
                last = value.call();
                failure = null;
                if (accepted.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError("Waited " + within.toMillis() + " ms for " + what
                        + (failure == null ? "; last seen: " + last : "; last attempt failed: " + failure));
                if (failure != null) {
                    error.initCause(failure);
                }
                throw error;
            }
            Thread.sleep(POLL_MILLIS);       // the poll interval, not a guess at how long the event takes
        }
    }

    /**
     * Waits until the clock passes {@code deadlineNanos} (a {@link System#nanoTime()} value): for tests whose
     * subject is a deadline, which must have passed before the next step.
     */
    public static void pastDeadline(long deadlineNanos) throws InterruptedException {
        await("the deadline to pass", () -> System.nanoTime() - deadlineNanos > 0);
    }
}
