package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop is bounded once: calls get {@code shutdownTimeout} in total, and a call still running at that
 * deadline is answered 504 (JSON, then the connection closes) instead of losing its connection unanswered.
 */
class StopBoundTest {
    @Test
    void aCallStillRunningAtTheDeadlineIsAnswered504AndTheStopEndsAtTheDeadline() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .shutdownTimeout(Duration.ofSeconds(4))
                .handler("slow", 1, m -> (data, call) -> {
                    running.countDown();
                    release.await(60, TimeUnit.SECONDS);       // far longer than the shutdown timeout
                    return "done";
                })
                .build()
                .start();
        int port = manager.port();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Answer> inFlight = pool.submit(() -> RawHttp.exchange(port, DrainTest.post("/slow", "x"),
                    Duration.ofSeconds(30)));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            manager.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - start);

            Answer answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Gateway timeout: handler 'slow'"
                    + " had not answered when the shutdown timeout ran out\"}");
            // Bounded by the one shutdown timeout (4 s), not by the handler (60 s) nor by the timeout twice
            // (8 s: a drain, then a wait for idle handlers); the margin is for a loaded machine.
            assertThat(stopTook).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofMillis(7_500));
        } finally {
            release.countDown();
            manager.stop();
        }
    }
}
