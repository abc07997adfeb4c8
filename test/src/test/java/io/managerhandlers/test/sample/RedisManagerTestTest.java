package io.managerhandlers.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.test.ManagerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code redis = true}: the service gets a redis-server of its own, and remote calls go through it. */
@ManagerTest(redis = true)
class RedisManagerTestTest {
    @Test
    void remoteCallsGoThroughThePrivateRedis(Handlers handlers) {
        assertThat(handlers.hello().remote().publish("Ada", Duration.ofSeconds(30))).isEqualTo("Hello, Ada");
    }
}
