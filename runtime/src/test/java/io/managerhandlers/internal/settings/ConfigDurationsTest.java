package io.managerhandlers.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.managerhandlers.internal.settings.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durations in application.yaml: ISO-8601 and the short form people write. */
class ConfigDurationsTest {
    @Test
    void theShortFormAndIso8601AreReadAlike() {
        Settings settings = read("""
                manager:
                  request-timeout: 2s
                  bus-timeout: 500ms
                  shutdown-timeout: 1m
                  keep-alive: PT45S
                  read-timeout: 1h
                """);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.busTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.keepAlive()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBadDurationNamesTheKeyAndTheForms() {
        assertThatThrownBy(() -> read("manager:\n  request-timeout: two seconds\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Config manager.request-timeout: 'two seconds' is not a duration; write it as 500ms, 2s,"
                        + " 1m, 1h, 1d or in ISO-8601 (PT2S)");
    }

    private static Settings read(String yaml) {
        Config config = Config.just(ConfigSources.create(yaml, io.helidon.common.media.type.MediaTypes.create("application/x-yaml")));
        Settings.Builder builder = new Settings.Builder();
        builder.config(config.get("manager"));
        return builder.build();
    }
}
