package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Manager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code timeout} and {@code rejected} outcomes, and the busy replicas and queue while a call holds them. */
class OutcomesTest {
    @Test
    void aCallerThatGivesUpCountsTimeoutAndAFullQueueCountsRejected() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Manager manager = Manager.builder().port(0).host("127.0.0.1").apiKey("k")
                .queueCapacity(3).rejectWhenQueueFull(true)
                .handler("gate", 1, m -> (data, call) -> {
                    entered.countDown();
                    release.await();
                    return data;
                })
                .build().start();
        try {
            ObserveHttp http = new ObserveHttp(manager.port());
            manager.bus().dispatch("gate", "first");               // runs, and holds the only replica
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> manager.bus().publish("gate", "late", Duration.ofMillis(200)))
                    .isInstanceOf(BusTimeoutException.class);      // queued past its deadline
            manager.bus().dispatch("gate", "queued");              // the running call, the abandoned one (still queued) and this one fill the 3 places
            assertThatThrownBy(() -> manager.bus().dispatch("gate", "refused")).isInstanceOf(BusException.class);

            Map<String, Double> held = PrometheusMetricsTest.samples(
                    http.get("/observe/metrics", "Authorization", "Bearer k").body());
            assertThat(held).containsEntry("mh_handler_calls_total{handler=\"gate\",outcome=\"timeout\"}", 1.0)
                    .containsEntry("mh_handler_calls_total{handler=\"gate\",outcome=\"rejected\"}", 1.0)
                    .containsEntry("mh_handler_calls_total{handler=\"gate\",outcome=\"ok\"}", 0.0)
                    .containsEntry("mh_handler_busy_replicas{handler=\"gate\"}", 1.0);
            assertThat(held.get("mh_handler_queued{handler=\"gate\"}")).isGreaterThanOrEqualTo(1.0);
        } finally {
            release.countDown();
            manager.stop();
        }
    }
}
