package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code maxInFlightBodyBytes}: a JSON body is admitted only while the bodies in flight leave room for it;
 * beyond, 503 with {@code Retry-After} before the body is read. Set here from Helidon Config.
 */
class BodyBudgetTest {
    @Test
    void aBodyBeyondTheBudgetIs503UntilTheBodiesInFlightAreAnswered() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Config config = Config.just(ConfigSources.create(Map.of("manager.max-in-flight-body-bytes", "100")));
        Manager manager = Manager.builder().port(0).host("127.0.0.1")
                .handler("hold", 2, m -> (data, call) -> {
                    inside.countDown();
                    release.await();
                    return data;
                })
                .handler("echo", 2, m -> (data, call) -> data)
                .config(config.get("manager")).build().start();
        try {
            String held = "h".repeat(80);
            CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> post(manager, "hold", held));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            // 80 of 100 bytes are in flight: 30 more do not fit, 20 do.
            Answer refused = post(manager, "echo", "x".repeat(30));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.body()).contains("too many request bodies in flight");
            assertThat(post(manager, "echo", "y".repeat(20)).status()).isEqualTo(200);
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).body()).contains(held);
            // Given back once answered; a body larger than the whole budget runs when it is alone.
            assertThat(post(manager, "echo", "x".repeat(30)).status()).isEqualTo(200);
            assertThat(post(manager, "echo", "z".repeat(500)).status()).isEqualTo(200);
        } finally {
            release.countDown();
            manager.stop();
        }
    }

    @Test
    void theBudgetMustBePositive() {
        assertThatThrownBy(() -> Manager.builder().maxInFlightBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlightBodyBytes");
    }

    private static Answer post(Manager manager, String handler, String body) {
        try {
            return RawHttp.exchange(manager.port(), "POST /" + handler + " HTTP/1.1\r\nHost: t\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body, Duration.ofSeconds(30));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
