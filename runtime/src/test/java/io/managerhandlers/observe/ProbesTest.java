package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The probes without Redis: live and ready answer without the key; ready turns 503, naming the check,
 * as soon as a shutdown starts draining, while the call in flight still completes with its answer.
 */
class ProbesTest {
    @Test
    void readyIs503DuringTheDrainWhileTheCallInFlightCompletes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("k")
                .shutdownTimeout(Duration.ofSeconds(60))
                .handler("slow", 1, m -> (data, call) -> {
                    entered.countDown();
                    release.await();
                    return "done " + data;
                })
                .build()
                .start();
        try {
            ObserveHttp http = new ObserveHttp(manager.port());
            for (String path : new String[] {"/observe/health", "/observe/health/ready", "/observe/health/live"}) {
                HttpResponse<String> res = http.get(path);
                assertThat(res.statusCode()).as(path).isEqualTo(200);
                assertThat(res.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
                assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
            }
            assertThat(http.post("/observe/health/ready", "").statusCode()).isEqualTo(405);

            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.post("/slow", "order-1", "Authorization", "Bearer k");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(http.post("/shutdown", "", "Authorization", "Bearer k").statusCode()).isEqualTo(200);

            HttpResponse<String> ready = awaitStatus(http, "/observe/health/ready", 503);
            assertThat(ready.body()).startsWith("{\"status\":\"DOWN\",\"checks\":{")
                    .contains("\"running\":{\"status\":\"DOWN\",\"message\":\"the manager is stopping: it takes no new requests\"}")
                    .contains("\"started\":{\"status\":\"UP\"}");
            assertThat(http.get("/observe/health").statusCode()).isEqualTo(503);
            assertThat(http.get("/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(inFlight).isNotDone();

            release.countDown();
            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"done order-1\"}");
            manager.awaitShutdown();
        } finally {
            release.countDown();
            manager.stop();
        }
    }

    /** Asks until the path answers the status, for at most 10 s; the last answer. */
    static HttpResponse<String> awaitStatus(ObserveHttp http, String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> res = http.get(path);
        while (res.statusCode() != status && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            res = http.get(path);
        }
        assertThat(res.statusCode()).as("%s within 10 s: %s", path, res.body()).isEqualTo(status);
        return res;
    }
}
