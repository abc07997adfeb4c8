package io.managerhandlers.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handler queue on its own: every job taken once, in order, and no replica left asleep over a job. */
class JobQueueTest {
    private static Job<Long, Long> job(long value) {
        return Job.dispatched(value, null, failure -> { });
    }

    @Test
    @Timeout(300)                // a hang guard, generous for a loaded machine
    void oneReplicaTakesEveryJobOnceInTheOrderEachCallerPutThem() throws Exception {
        JobQueue<Long, Long> queue = new JobQueue<>(1);
        int callers = 4;
        int perCaller = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long base = (long) c * perCaller;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perCaller; i++) {
                    queue.put(job(base + i));
                }
            }));
        }
        long[] lastOfCaller = new long[callers];
        java.util.Arrays.fill(lastOfCaller, -1);
        for (int n = 0; n < callers * perCaller; n++) {
            long value = queue.take().input;
            int caller = (int) (value / perCaller);
            assertThat(value).as("caller %d's jobs in order", caller).isGreaterThan(lastOfCaller[caller]);
            lastOfCaller[caller] = value;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(queue.poll()).isNull();
        for (int c = 0; c < callers; c++) {
            assertThat(lastOfCaller[c]).isEqualTo((long) c * perCaller + perCaller - 1);
        }
    }

    @Test
    @Timeout(300)                // a hang guard, generous for a loaded machine
    void severalReplicasTakeEveryJobExactlyOnce() throws Exception {
        JobQueue<Long, Long> queue = new JobQueue<>(3);
        int total = 200_000;
        Set<Long> taken = ConcurrentHashMap.newKeySet();
        AtomicReference<Long> twice = new AtomicReference<>();
        CountDownLatch all = new CountDownLatch(total);
        List<Thread> replicas = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            replicas.add(Thread.ofVirtual().start(() -> {
                try {
                    for (;;) {
                        long value = queue.take().input;
                        if (!taken.add(value)) {
                            twice.set(value);
                        }
                        all.countDown();
                    }
                } catch (InterruptedException stopped) {
                    // the test is over
                }
            }));
        }
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            long base = (long) c * (total / 4);
            callers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < total / 4; i++) {
                    queue.put(job(base + i));
                }
            }));
        }
        assertThat(all.await(240, TimeUnit.SECONDS)).as("every job taken").isTrue();
        replicas.forEach(Thread::interrupt);
        assertThat(twice.get()).as("a job taken twice").isNull();
        assertThat(taken).hasSize(total);
        for (Thread caller : callers) {
            caller.join();
        }
    }

    @Test
    @Timeout(600)                // a hang guard, generous for a loaded machine
    void aParkedReplicaIsWokenForEveryJobPutOneAtATime() throws Exception {
        // Each job is put the moment the previous one was taken (the caller spins for it), so the put races
        // with the replica's way to its park every time: a lost wake-up leaves a job behind for good.
        for (int replicas : new int[] {1, 2}) {
            JobQueue<Long, Long> queue = new JobQueue<>(replicas);
            int rounds = 100_000;
            AtomicLong taken = new AtomicLong(-1);
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (;;) {
                            taken.set(queue.take().input);
                        }
                    } catch (InterruptedException stopped) {
                        // the test is over
                    }
                }));
            }
            for (int i = 0; i < rounds; i++) {
                queue.put(job(i));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);   // a hang detector: spins, too fast a loop to poll
                while (taken.get() != i) {
                    assertThat(System.nanoTime()).as("job %d of %d replicas taken", i, replicas).isLessThan(deadline);
                    Thread.onSpinWait();
                }
            }
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(5_000);
                assertThat(thread.isAlive()).as("a replica interrupted while parked stops").isFalse();
            }
        }
    }

    @Test
    @Timeout(300)                // a hang guard, generous for a loaded machine
    void aBurstPutWhileOneReplicaWakesStillReachesEveryParkedReplica() throws Exception {
        // A caller that puts while a woken replica is on its way wakes no other: that replica must pass the
        // wake-up on. Each job waits until all the jobs have started, so if any parked replica were left asleep
        // with a job waiting, the jobs running would wait for ever.
        int replicas = 8;
        for (int burst = 0; burst < 200; burst++) {
            JobQueue<Long, Long> queue = new JobQueue<>(replicas);
            CountDownLatch parked = new CountDownLatch(replicas);
            CountDownLatch started = new CountDownLatch(replicas);
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        parked.countDown();
                        queue.take();
                        started.countDown();
                        started.await();
                    } catch (InterruptedException stopped) {
                        // the test is over
                    }
                }));
            }
            parked.await();
            for (int i = 0; i < replicas; i++) {
                queue.put(job(i));
            }
            assertThat(started.await(60, TimeUnit.SECONDS)).as("burst %d: every replica woken for its job", burst)
                    .isTrue();
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
