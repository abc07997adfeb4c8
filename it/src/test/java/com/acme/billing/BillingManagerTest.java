package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.test.ManagerTest;
import io.managerhandlers.testing.HttpClientSupport;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The billing service under @ManagerTest with a redis-server of its own: HTTP, the typed bus and Redis. */
@ManagerTest(redis = true)
class BillingManagerTest {
    @ManagerTest.Configure
    static void configure(Manager.Builder builder) {
        builder.apiKey("it-key");
    }

    @Test
    void answersOverHttpTheBusAndRedis(URI base, Handlers handlers) throws Exception {
        HttpClientSupport http = new HttpClientSupport(base.getPort(), BillingHttpTest.KEY);
        assertThat(http.post("/currency", "eu").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"EUR\"}");
        assertThat(handlers.quote().publish(new QuoteRequest("ada", "us", 1000, Optional.empty())))
                .isEqualTo(new QuoteResponse("ada", 1070, "USD", "local"));
        assertThat(handlers.currency().remote().publish("us", Duration.ofSeconds(30))).isEqualTo("USD");
    }

    @Test
    void theInjectedClientCarriesTheKey(HandlersClient client) {
        assertThat(client.currency().publish("eu")).isEqualTo("EUR");
    }
}
