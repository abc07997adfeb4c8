package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.annotations.Transport;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.TimeBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery guarantees of the in-process bus, each asserted on what a caller sees. */
class BusGuaranteesTest {
    private static final TypeToken<Integer> INT = TypeToken.of(Integer.class);
    private Manager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    @Test
    void aHandlerThatNeverAnswersTimesOutWithinItsDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        manager = Manager.builder().shutdownTimeout(Duration.ofMillis(100))
                .handler("stuck", 1, INT, INT, m -> (value, call) -> {
                    never.await();
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> stuck = manager.endpoint("stuck", INT, INT);
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        assertThatThrownBy(() -> stuck.publish(1, timeout))
                .isInstanceOf(BusTimeoutException.class)
                .hasMessageContaining("'stuck'").hasMessageContaining("300 ms");
        assertThat(TimeBounds.since(start)).as("not before its deadline").isGreaterThanOrEqualTo(timeout.minusMillis(10));
        TimeBounds.endedWithin(start, timeout, "a call to a handler that never answers");
        never.countDown();
    }

    @Test
    void anAsyncCallFailsAtItsDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        Duration timeout = Duration.ofMillis(200);
        manager = Manager.builder().busTimeout(timeout).shutdownTimeout(Duration.ofMillis(100))
                .handler("stuck", 1, INT, INT, m -> (value, call) -> {
                    never.await();
                    return value;
                }).build().startWithoutServer();
        CompletableFuture<Integer> future = manager.endpoint("stuck", INT, INT).publishAsync(1);
        assertThatThrownBy(() -> future.get(TimeBounds.bound(timeout).toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BusTimeoutException.class);
        never.countDown();
    }

    @Test
    void aCallWhoseDeadlinePassedInTheQueueIsNeverRun() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        manager = Manager.builder()
                .handler("one", 1, INT, INT, m -> (value, call) -> {
                    ran.incrementAndGet();
                    if (value == 0) {
                        release.await();
                    }
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> one = manager.endpoint("one", INT, INT);
        CompletableFuture<Integer> first = one.publishAsync(0);
        for (int i = 1; i <= 5; i++) {
            int value = i;
            assertThatThrownBy(() -> one.publish(value, Duration.ofMillis(50))).isInstanceOf(BusTimeoutException.class);
        }
        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(one.publish(9, Duration.ofSeconds(60))).isEqualTo(9);
        assertThat(ran.get()).as("the five expired calls never ran").isEqualTo(2);
    }

    @Test
    void aDispatchedCallWhoseDeadlinePassedBehindASlowCallIsNeverRunAndIsReported() throws Exception {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<BusException> reported = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowRelease = new CountDownLatch(1);
        CountDownLatch reportedBoth = new CountDownLatch(2);
        Duration busTimeout = Duration.ofMillis(200);
        manager = Manager.builder().busTimeout(busTimeout)
                .onDispatchFailure(failure -> {
                    reported.add(failure);
                    reportedBoth.countDown();
                })
                .handler("one", 1, INT, INT, m -> (value, call) -> {
                    ran.add(value);
                    if (value == 0) {
                        slowStarted.countDown();
                        slowRelease.await();     // its own call runs out meanwhile too: nobody waits for it
                    }
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> one = manager.endpoint("one", INT, INT);
        one.dispatch(0);
        assertThat(slowStarted.await(60, TimeUnit.SECONDS)).isTrue();
        one.dispatch(1);                         // 200 ms to live, behind the slow call
        one.dispatch(2);
        Eventually.pastDeadline(System.nanoTime() + busTimeout.toNanos());
        slowRelease.countDown();                 // only once both have run out
        assertThat(reportedBoth.await(60, TimeUnit.SECONDS)).as("both expired calls reported").isTrue();
        assertThat(reported).allSatisfy(failure -> assertThat(failure).isInstanceOf(BusTimeoutException.class));
        assertThat(one.publish(3, Duration.ofSeconds(60))).isEqualTo(3);
        assertThat(ran).as("the slow call ran, the expired ones never did").containsExactly(0, 3);
    }

    @Test
    void callsStillQueuedWhenTheManagerStopsFailAtOnceSayingSo() throws Exception {
        List<BusException> reported = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        // A minute to live: the queued calls must fail with the stop, not at their deadline.
        manager = Manager.builder().busTimeout(Duration.ofMinutes(1)).shutdownTimeout(Duration.ofMillis(100))
                .onDispatchFailure(reported::add)
                .handler("busy", 1, INT, INT, m -> (value, call) -> {
                    started.countDown();
                    never.await();               // still running when the shutdown timeout runs out
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> busy = manager.endpoint("busy", INT, INT);
        CompletableFuture<Integer> running = busy.publishAsync(0);
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = busy.publishAsync(1);
        busy.dispatch(2);

        manager.stop();

        // Without the failure on stop, the queued future never completes (its deadline's timer stopped too).
        assertThatThrownBy(() -> queued.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BusException.class)
                .hasMessage("Handler 'busy' is stopped: its manager has shut down");
        Eventually.await("the queued dispatch reported", () -> reported.size() == 1);
        assertThat(reported.get(0)).hasMessage("Handler 'busy' is stopped: its manager has shut down");
        assertThat(running).as("the running call ends too").failsWithin(Duration.ofSeconds(60));
        assertThatThrownBy(() -> busy.publish(3))
                .isInstanceOf(BusException.class)
                .hasMessage("Handler 'busy' is stopped: its manager has shut down");
        never.countDown();
    }

    @Test
    void dispatchIntoAFullQueueWaitsAndLosesNothing() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(200);
        manager = Manager.builder().queueCapacity(8)
                .handler("slowsink", 1, INT, INT, m -> (value, call) -> {
                    Thread.sleep(1);
                    seen.add(value);
                    all.countDown();
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> sink = manager.endpoint("slowsink", INT, INT);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            sink.dispatch(i);
        }
        long dispatching = System.nanoTime() - start;
        assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("every message, in the order sent").hasSize(200).isSorted();
        assertThat(Duration.ofNanos(dispatching)).as("the caller was held back by the full queue")
                .isGreaterThan(Duration.ofMillis(150));
    }

    @Test
    void aFullQueueCanRefuseInstead() {
        CountDownLatch release = new CountDownLatch(1);
        manager = Manager.builder().queueCapacity(2).rejectWhenQueueFull(true).shutdownTimeout(Duration.ofMillis(100))
                .handler("tiny", 1, INT, INT, m -> (value, call) -> {
                    release.await();
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> tiny = manager.endpoint("tiny", INT, INT);
        tiny.dispatch(1);   // taken by the replica
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                tiny.dispatch(i);
            }
        }).isInstanceOf(BusException.class).hasMessageContaining("queue of handler 'tiny' is full");
        release.countDown();
    }

    @Test
    void replicasBoundConcurrencyWhateverTheCaller() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // The first calls wait until three run at once (however slowly the replicas start), then all go on.
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        manager = Manager.builder()
                .handler("three", 3, INT, INT, m -> (value, call) -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threeAtOnce.countDown();
                    threeAtOnce.await(60, TimeUnit.SECONDS);
                    Thread.sleep(20);            // work long enough for a fourth to overlap if it could
                    running.decrementAndGet();
                    return value;
                }).build().startWithoutServer();
        Endpoint<Integer, Integer> three = manager.endpoint("three", INT, INT);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(three.publishAsync(i));
            three.dispatch(i);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void everySubscriberGetsEveryMessageInOrderAndASlowOneHoldsUpNoOther() throws Exception {
        List<Integer> fast = Collections.synchronizedList(new ArrayList<>());
        List<Integer> slow = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch fastDone = new CountDownLatch(100);
        CountDownLatch slowDone = new CountDownLatch(100);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch failures = new CountDownLatch(100);
        manager = Manager.builder()
                .subscriber(m -> new Object(), (s, on) -> on
                        .on("numbers", Transport.LOCAL, INT, n -> {
                            fast.add(n);
                            fastDone.countDown();
                        })
                        .on("numbers", Transport.LOCAL, INT, n -> {
                            try {
                                gate.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            slow.add(n);
                            slowDone.countDown();
                        })
                        .on("numbers", Transport.LOCAL, INT, n -> {
                            failures.countDown();
                            throw new IllegalStateException("subscriber bug");
                        }))
                .build().startWithoutServer();
        Topic<Integer> numbers = manager.topic("numbers", INT);
        for (int i = 0; i < 100; i++) {
            numbers.publish(i);
        }
        assertThat(fastDone.await(60, TimeUnit.SECONDS)).as("the fast subscriber is not held up").isTrue();
        assertThat(slow).isEmpty();
        gate.countDown();
        assertThat(slowDone.await(60, TimeUnit.SECONDS)).isTrue();
        List<Integer> expected = java.util.stream.IntStream.range(0, 100).boxed().toList();
        assertThat(fast).containsExactlyElementsOf(expected);
        assertThat(slow).containsExactlyElementsOf(expected);
        assertThat(failures.await(60, TimeUnit.SECONDS)).as("a failing subscriber keeps receiving").isTrue();
    }

    @Test
    void aTopicCarriesOneType() {
        assertThatThrownBy(() -> Manager.builder()
                .subscriber(m -> new Object(), (s, on) -> on
                        .on("mixed", Transport.LOCAL, INT, n -> { })
                        .on("mixed", Transport.LOCAL, TypeToken.of(String.class), t -> { }))
                .build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Topic 'mixed' carries");
    }
}
