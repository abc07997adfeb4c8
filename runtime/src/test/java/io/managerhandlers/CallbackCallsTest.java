package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls sent from the callbacks of a {@code publishAsync} future, which run on the replica that answered:
 * the first call to the same handler is left to that replica (no other is woken for it), and still every
 * call runs, whatever the callback does next.
 */
class CallbackCallsTest {
    private static final TypeToken<Integer> INT = TypeToken.of(Integer.class);
    /** Input that makes {@code work} wait for {@link #release}, so that the test's callback is attached first. */
    private static final int GATE = 0;
    /** Input that makes {@code work} wait until it has run a {@link #QUICK} call, then count itself as run. */
    private static final int WAITS_FOR_QUICK = 1;
    /** Input that {@code work} counts as run at once. */
    private static final int QUICK = 2;

    private final CountDownLatch release = new CountDownLatch(1);
    private CountDownLatch ran;
    private final CountDownLatch quickRan = new CountDownLatch(1);
    private Manager manager;
    private Endpoint<Integer, Integer> work;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    /** {@code work}: four replicas; {@code other}: answers 1 once {@code work} has run {@code expected} calls. */
    private void start(int expected) {
        ran = new CountDownLatch(expected);
        manager = Manager.builder()
                .handler("work", 4, INT, INT, m -> (value, call) -> {
                    if (value == GATE) {
                        release.await();
                        return value;
                    }
                    if (value == WAITS_FOR_QUICK) {
                        quickRan.await(20, TimeUnit.SECONDS);
                    } else {
                        quickRan.countDown();
                    }
                    ran.countDown();
                    return value;
                })
                .handler("other", 1, INT, INT, m -> (value, call) -> {
                    return ran.await(20, TimeUnit.SECONDS) ? 1 : 0;
                })
                .build().startWithoutServer();
        work = manager.endpoint("work", INT, INT);
    }

    /** Runs {@code callback} on the replica that answers the gate call; its outcome completes the result. */
    private <T> CompletableFuture<T> onTheReplica(java.util.function.Supplier<T> callback) {
        CompletableFuture<T> result = new CompletableFuture<>();
        work.publishAsync(GATE).thenRun(() -> {
            try {
                result.complete(callback.get());
            } catch (Throwable thrown) {
                result.completeExceptionally(thrown);
            }
        });
        release.countDown();
        return result;
    }

    /**
     * The first call is left to the callback's replica, which waits; the replica woken for the second takes
     * the first (the oldest) and waits for the second: only a replica woken for the first too runs it.
     */
    @Test
    void twoCallsSentFromACallbackBothRunWhileItWaitsForThem() throws Exception {
        start(2);
        CompletableFuture<Boolean> bothRan = onTheReplica(() -> {
            work.publishAsync(WAITS_FOR_QUICK);
            work.publishAsync(QUICK);
            return await(ran);
        });
        assertThat(bothRan.get(60, TimeUnit.SECONDS)).as("both calls ran while the callback waited").isTrue();
    }

    @Test
    void aBlockingCallFromACallbackLetsTheCallSentBeforeItRun() throws Exception {
        start(1);
        Endpoint<Integer, Integer> other = manager.endpoint("other", INT, INT);
        CompletableFuture<Integer> answer = onTheReplica(() -> {
            work.publishAsync(QUICK);
            return other.publish(0);               // answers 1 once work has run the call above
        });
        assertThat(answer.get(60, TimeUnit.SECONDS)).as("the call sent before the blocking one ran").isEqualTo(1);
    }

    @Test
    void aBlockingCallFromACallbackToItsOwnHandlerAnswers() throws Exception {
        start(1);
        CompletableFuture<Integer> answer = onTheReplica(() -> work.publish(7, Duration.ofSeconds(20)));
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void anAsynchronousChainSentFromCallbacksAnswersEveryCall() throws Exception {
        start(0);
        release.countDown();
        int calls = 10_000;
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        chain(calls, answered, done);
        assertThat(done.get(60, TimeUnit.SECONDS)).isEqualTo(calls);
    }

    private void chain(int calls, AtomicInteger answered, CompletableFuture<Integer> done) {
        work.publishAsync(QUICK).whenComplete((value, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else if (answered.incrementAndGet() == calls) {
                done.complete(calls);
            } else {
                chain(calls, answered, done);
            }
        });
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
