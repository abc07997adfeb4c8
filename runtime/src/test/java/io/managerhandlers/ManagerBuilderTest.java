package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.managerhandlers.testing.HttpClientSupport;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagerBuilderTest {
    @Test
    void registrationMistakesAreClearErrors() {
        assertThatThrownBy(() -> Manager.builder().handler("a b", 1, m -> (d, c) -> d))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> Manager.builder().handler("shutdown", 1, m -> (d, c) -> d))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Manager.builder().handler("x", 0, m -> (d, c) -> d))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 replica");
        assertThatThrownBy(() -> Manager.builder().handler("x", 1, m -> (d, c) -> d).handler("x", 1, m -> (d, c) -> d))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two handlers are named 'x'");
        assertThatThrownBy(() -> Manager.builder().uploadHandler("u1", 1, m -> (c, b, n, s) -> "1")
                .uploadHandler("u2", 1, m -> (c, b, n, s) -> "2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most one of each file kind");
        assertThatThrownBy(() -> Manager.builder().replicas("ghost", 2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
    }

    @Test
    void aConstructorThatThrowsNamesTheHandler() {
        assertThatThrownBy(() -> Manager.builder().handler("fragile", 1, m -> {
            throw new java.io.IOException("config missing");
        }).build()).isInstanceOf(IllegalStateException.class).hasMessage("Creating 'fragile' failed: config missing");
    }

    @Test
    void endpointsCheckTheirTypes() {
        Manager manager = Manager.builder().handler("echo", 1, m -> (d, c) -> d).build();
        assertThatThrownBy(() -> manager.endpoint("echo", TypeToken.of(Integer.class), TypeToken.of(String.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes java.lang.String");
        assertThatThrownBy(() -> manager.endpoint("nope", TypeToken.of(String.class), TypeToken.of(String.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    @Test
    void aTakenPortIsAClearStartUpError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Manager manager = Manager.builder().port(taken.getLocalPort()).host("0.0.0.0").build();
            assertThatThrownBy(manager::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @Test
    void settingsComeFromHelidonConfig() throws Exception {
        Config config = Config.just(ConfigSources.create(Map.of(
                "manager.port", "0", "manager.api-key", "from-config", "manager.request-timeout", "PT3S",
                "manager.replicas.echo", "3")));
        Manager manager = Manager.builder().handler("echo", 1, m -> (d, c) -> d)
                .config(config.get("manager")).build().start();
        try {
            var http = new HttpClientSupport(manager.port(), "Bearer from-config");
            assertThat(http.post("/echo", "hi").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"hi\"}");
            assertThat(new HttpClientSupport(manager.port(), null).post("/echo", "hi").statusCode()).isEqualTo(401);
            assertThat(http.send("GET", "/observe/metrics", null, "Bearer from-config").body())
                    .contains("mh_handler_replicas{handler=\"echo\"} 3.0");
        } finally {
            manager.stop();
        }
        assertThat(Duration.ofSeconds(3)).isPositive();
    }
}
