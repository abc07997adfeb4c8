package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Manager;
import io.managerhandlers.redis.LocalRedis;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Redis: ready turns 503 naming Redis soon after the real redis-server is killed, and 200 again once
 * it is back, while live stays 200 all along; the metrics carry the connection, pending entries and dead
 * letters.
 */
class RedisProbesTest {
    @Test
    void readyFollowsTheRedisConnectionAndLiveStaysUp() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        try (LocalRedis redis = LocalRedis.start()) {
            Manager manager = Manager.builder()
                    .port(0)
                    .host("127.0.0.1")
                    .apiKey("k")
                    .redis(redis.url())
                    .handler("echo", 1, m -> (data, call) -> data)
                    .build()
                    .start();
            try {
                ObserveHttp http = new ObserveHttp(manager.port());
                assertThat(http.get("/observe/health/ready").statusCode()).isEqualTo(200);
                assertThat(manager.remote().publish("echo", "\"via redis\"", java.time.Duration.ofSeconds(30))).isEqualTo("\"via redis\"");
                // The entry is acknowledged after its answer went out: pending until then.
                long deadline = System.nanoTime() + 10_000_000_000L;
                Map<String, Double> samples = metrics(http);
                while (samples.get("mh_redis_pending{handler=\"echo\"}") != 0.0 && System.nanoTime() < deadline) {
                    samples = metrics(http);
                }
                assertThat(samples).containsEntry("mh_redis_connected", 1.0)
                        .containsEntry("mh_redis_pending{handler=\"echo\"}", 0.0)
                        .containsEntry("mh_redis_dead_letters_total{handler=\"echo\"}", 0.0);

                long killed = System.nanoTime();
                redis.kill();
                HttpResponse<String> down = ProbesTest.awaitStatus(http, "/observe/health/ready", 503);
                long noticedMillis = (System.nanoTime() - killed) / 1_000_000;
                System.out.println("ready turned 503 " + noticedMillis + " ms after redis-server was killed");
                assertThat(down.body()).contains("\"redis\":{\"status\":\"DOWN\",\"message\":\"Redis at "
                        + redis.url() + " is not connected\"}");
                assertThat(http.get("/observe/health").statusCode()).isEqualTo(503);
                assertThat(http.get("/observe/health/live").statusCode()).isEqualTo(200);
                assertThat(metrics(http)).containsEntry("mh_redis_connected", 0.0);

                long restarted = System.nanoTime();
                redis.restart();
                HttpResponse<String> up = awaitUp(http);
                System.out.println("ready turned 200 " + (System.nanoTime() - restarted) / 1_000_000
                        + " ms after redis-server was back");
                assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
                assertThat(http.get("/observe/health/live").statusCode()).isEqualTo(200);
                assertThat(metrics(http)).containsEntry("mh_redis_connected", 1.0);
            } finally {
                manager.stop();
            }
        }
    }

    /** Lettuce's reconnect delay grows to 2 s between attempts: up to 30 s for a loaded machine. */
    private static HttpResponse<String> awaitUp(ObserveHttp http) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> res = http.get("/observe/health/ready");
        while (res.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            res = http.get("/observe/health/ready");
        }
        assertThat(res.statusCode()).as("ready again: %s", res.body()).isEqualTo(200);
        return res;
    }

    private static Map<String, Double> metrics(ObserveHttp http) throws Exception {
        HttpResponse<String> res = http.get("/observe/metrics", "Authorization", "Bearer k");
        assertThat(res.statusCode()).isEqualTo(200);
        return PrometheusMetricsTest.samples(res.body());
    }
}
