package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import io.managerhandlers.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /shutdown} under load: the calls in flight finish with their answers, new calls get 503 with
 * {@code Retry-After} while the manager drains, and the manager stops once they are done, well within its
 * drain deadline.
 */
class DrainTest {
    @Test
    void inFlightCallsFinishNewOnesGet503AndTheManagerStopsWithinItsDeadline() throws Exception {
        CountDownLatch running = new CountDownLatch(8);
        CountDownLatch finish = new CountDownLatch(1);           // the calls in flight run until the test says
        Duration drainDeadline = Duration.ofSeconds(30);
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .shutdownTimeout(drainDeadline)
                .handler("slow", 8, m -> (data, call) -> {
                    running.countDown();
                    finish.await();
                    return "done " + data;
                })
                .handler("fast", 2, m -> (data, call) -> data)
                .build()
                .start();
        int port = manager.port();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "call-" + i;
                inFlight.add(pool.submit(() -> RawHttp.exchange(port, post("/slow", body), Duration.ofSeconds(60))));
            }
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            Answer shutdown = RawHttp.exchange(port, post("/shutdown", ""), Duration.ofSeconds(30));
            assertThat(shutdown.status()).isEqualTo(200);
            assertThat(shutdown.body()).isEqualTo("{\"status\":\"Shutting down\"}");

            // The shutdown starts once its answer is sent: the health check says when it has.
            Eventually.await("health DOWN", () -> RawHttp.exchange(port,
                    "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n", Duration.ofSeconds(30)).body().contains("DOWN"));
            Answer refused = RawHttp.exchange(port, post("/fast", "late"), Duration.ofSeconds(30));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Service unavailable: shutting down\"}");

            finish.countDown();
            for (int i = 0; i < 8; i++) {
                Answer done = inFlight.get(i).get(60, TimeUnit.SECONDS);
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"done call-" + i + "\"}");
            }
            manager.awaitShutdown();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped once drained, not at the drain deadline")
                    .isLessThan(drainDeadline);
        } finally {
            finish.countDown();
            manager.stop();
        }
    }

    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
