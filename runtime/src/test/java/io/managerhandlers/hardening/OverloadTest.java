package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.TimeBounds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bursts beyond what the service takes: calls beyond a handler's replicas wait at most until their deadline,
 * calls beyond {@code maxRequests} are refused at once with 503 and {@code Retry-After}, no handler ever runs
 * more calls at once than its replicas, and once the burst is over every call succeeds again.
 */
class OverloadTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();
    Manager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + manager.port() + path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A handler of {@code replicas} replicas that sleeps {@code millis} and records how many run at once. */
    Manager.Builder withWork(int replicas, long millis) {
        return Manager.builder().port(0).host("127.0.0.1")
                .handler("work", replicas, m -> (data, call) -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(millis);
                    } finally {
                        running.decrementAndGet();
                    }
                    return data;
                });
    }

    record Outcome(int status, String body, String retryAfter, long millis) {
    }

    List<Outcome> burst(int calls) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String body = "call-" + i;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> res = post("/work", body);
                    return new Outcome(res.statusCode(), res.body(), res.headers().firstValue("Retry-After").orElse(null),
                            (System.nanoTime() - start) / 1_000_000);
                }));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
        }
        return outcomes;
    }

    @Test
    void callsBeyondTheReplicasWaitAtMostUntilTheirDeadline() throws Exception {
        // 40 calls of 250 ms on 2 replicas is 5 s of work; each call may wait and run 1.5 s.
        Duration requestTimeout = Duration.ofMillis(1500);
        manager = withWork(2, 250).requestTimeout(requestTimeout).build().start();
        List<Outcome> outcomes = burst(40);
        assertThat(mostRunning.get()).isEqualTo(2);
        long ok = outcomes.stream().filter(o -> o.status() == 200).count();
        long refused = outcomes.stream().filter(o -> o.status() == 503).count();
        // How many got done depends on the machine's speed; that some did and the rest were refused does not.
        assertThat(ok).as("work got done meanwhile").isPositive();
        assertThat(refused).isPositive();
        for (Outcome o : outcomes) {
            assertThat(o.status()).as("%s", o).isIn(200, 503, 504);
            assertThat(o.millis()).as("no call outlives its deadline by much: %s", o)
                    .isLessThan(TimeBounds.bound(requestTimeout).toMillis());
            if (o.status() == 503) {
                assertThat(o.retryAfter()).isEqualTo("1");
                assertThat(o.body()).contains("no replica of 'work' was free within the request timeout");
                assertThat(o.millis()).as("it waited for its deadline: %s", o).isGreaterThanOrEqualTo(1_300L);
            }
        }
        // After the burst (the calls answered 504 may still be running), every call succeeds again.
        Eventually.await("the replicas idle", () -> running.get() == 0);
        for (int round = 0; round < 2; round++) {
            for (Outcome o : burst(2)) {
                assertThat(o.status()).as("%s", o).isEqualTo(200);
            }
        }
        assertThat(mostRunning.get()).isEqualTo(2);
    }

    @Test
    void callsBeyondMaxRequestsAreRefusedAtOnceAndServedAgainAfterTheBurst() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        manager = Manager.builder().port(0).host("127.0.0.1").maxRequests(4)
                .handler("hold", 8, m -> (data, call) -> {
                    started.incrementAndGet();
                    release.await();
                    return data;
                })
                .handler("work", 8, m -> (data, call) -> data)
                .build().start();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.submit(() -> post("/hold", "held")));
            }
            Eventually.await("4 calls held", () -> started.get() == 4);
            // Every handler, every call beyond the 4 in flight: refused at once.
            List<Outcome> refused = burst(32);
            for (Outcome o : refused) {
                assertThat(o.status()).as("%s", o).isEqualTo(503);
                assertThat(o.retryAfter()).isEqualTo("1");
                assertThat(o.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Service unavailable: too many requests\"}");
                // At once: the calls held never end before the burst does, and no timeout is near (120 s).
                assertThat(o.millis()).as("refused at once: %s", o).isLessThan(10_000L);
            }
            release.countDown();
            for (Future<HttpResponse<String>> each : held) {
                assertThat(each.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
        for (Outcome o : burst(16)) {
            assertThat(o.status()).as("after the burst: %s", o).isIn(200, 503);
        }
        // Sequentially, nothing is refused any more.
        for (int i = 0; i < 8; i++) {
            assertThat(post("/work", "again").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void concurrencyInsideAHandlerNeverExceedsItsReplicas() throws Exception {
        manager = withWork(3, 20).requestTimeout(Duration.ofSeconds(60)).build().start();
        List<Outcome> outcomes = burst(120);
        assertThat(outcomes).allMatch(o -> o.status() == 200);
        assertThat(mostRunning.get()).isEqualTo(3);
        // Every call was answered with its own input: no call was lost or answered twice.
        assertThat(outcomes.stream().map(Outcome::body).distinct().count()).isEqualTo(120);
    }
}
