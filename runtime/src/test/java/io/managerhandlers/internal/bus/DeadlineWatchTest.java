package io.managerhandlers.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.BusTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One timer for the deadlines of a handler's asynchronous calls: each call still fails at its own. */
class DeadlineWatchTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final JobQueue<Integer, Integer> queue = new JobQueue<>(2);
    private final List<Replica<Integer, Integer>> replicas = new ArrayList<>();
    private final HandlerMetrics metrics = new HandlerMetrics();
    private final DeadlineWatch<Integer, Integer> watch = new DeadlineWatch<>("h", timers, queue, replicas, metrics);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    /** Queues a call with a future, as {@code submit} does: put, then watched. */
    private Job<Integer, Integer> submit(long timeoutMillis) {
        Job<Integer, Integer> job = Job.withFuture(1,
                CallInfo.fromBus("h", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
        queue.put(job);
        watch.watch(job.call.deadlineNanos());
        return job;
    }

    @Test
    void aCallQueuedAfterOneWithALaterDeadlineFailsAtItsOwn() throws Exception {
        Job<Integer, Integer> later = submit(3_000);
        Job<Integer, Integer> sooner = submit(200);
        assertThatThrownBy(() -> sooner.future().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReplicaTimeoutException.class);
        assertThat(later.future()).as("its deadline is still ahead").isNotDone();
        assertThatThrownBy(() -> later.future().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReplicaTimeoutException.class);
        assertThat(metrics.snapshot().timedOut()).isEqualTo(2);
    }

    @Test
    void everyCallOfABatchFailsWhenNoReplicaTakesThem() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            futures.add(submit(100 + i % 7 * 50).future());
        }
        for (CompletableFuture<Integer> future : futures) {
            assertThatThrownBy(() -> future.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(ReplicaTimeoutException.class);
        }
    }

    @Test
    void aCallTakenByAReplicaAndStillRunningFailsAtItsDeadlineAsATimeoutOfTheHandler() throws Exception {
        Replica<Integer, Integer> replica = new Replica<>((input, call) -> input, metrics.replica());
        replicas.add(replica);
        Job<Integer, Integer> job = submit(200);
        assertThat(queue.poll()).isSameAs(job);
        replica.taken(job);
        watch.watch(job.call.deadlineNanos());
        assertThat(job.begin()).isTrue();        // the handler runs it now, and does not return
        assertThatThrownBy(() -> job.future().get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BusTimeoutException.class).isNotInstanceOf(ReplicaTimeoutException.class);
    }

    @Test
    void aCallAnsweredInTimeIsNotFailedLater() throws Exception {
        Job<Integer, Integer> job = submit(100);
        assertThat(queue.poll()).isSameAs(job);
        assertThat(job.begin()).isTrue();
        job.succeed(7);
        Job<Integer, Integer> after = submit(300);  // a sweep runs for this one, past the first's deadline
        assertThatThrownBy(() -> after.future().get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(ReplicaTimeoutException.class);
        assertThat(job.future().get()).isEqualTo(7);
        assertThat(metrics.snapshot().timedOut()).isEqualTo(1);
    }

    @Test
    void watchingAfterTheTimersStoppedIsNoError() {
        timers.shutdownNow();
        // A replica taking a call as its manager stops does this; it must not die of it.
        assertThatCode(() -> submit(100)).doesNotThrowAnyException();
    }
}
