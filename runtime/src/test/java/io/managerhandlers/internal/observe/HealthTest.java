package io.managerhandlers.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.internal.lifecycle.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ready through a manager's life: before start, started, draining; live all along. */
class HealthTest {
    @Test
    void readyOnlyOnceStartedAndUntilStopping() {
        Lifecycle lifecycle = new Lifecycle();
        AtomicBoolean started = new AtomicBoolean();
        Health health = new Health(lifecycle, started::get, null);

        Page before = health.ready();
        assertThat(before.status()).isEqualTo(503);
        assertThat(body(before)).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"started\":{\"status\":\"DOWN\","
                + "\"message\":\"the manager has not finished starting\"},\"running\":{\"status\":\"UP\"}}}");
        lifecycle.running();
        assertThat(health.ready().status()).as("running, start not finished").isEqualTo(503);
        started.set(true);
        assertThat(health.ready().status()).isEqualTo(200);
        assertThat(body(health.ready())).isEqualTo("{\"status\":\"UP\"}");

        assertThat(lifecycle.drain(0)).isTrue();
        Page draining = health.ready();
        assertThat(draining.status()).isEqualTo(503);
        assertThat(body(draining)).contains("\"running\":{\"status\":\"DOWN\"");
        assertThat(health.live().status()).isEqualTo(200);
    }

    private static String body(Page page) {
        return new String(page.body(), StandardCharsets.UTF_8);
    }
}
