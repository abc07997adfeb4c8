package io.managerhandlers.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's walk through the example, answer for answer. */
class ShopServiceTest {
    static Manager manager;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        manager = ManagerBootstrap.manager().port(0).apiKey("secret").state(ShopState.GREETING, "Hello").build().start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    static String post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + manager.port() + path))
                .header("Authorization", "Bearer secret").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theReadmeWalkThrough() throws Exception {
        assertThat(post("/greet", "Ada")).isEqualTo("{\"status\":\"Ok\",\"message\":\"Hello, Ada (via http)\"}");
        assertThat(post("/orders", "{\"sku\":\"apple\",\"quantity\":3}")).isEqualTo(
                "{\"status\":\"Ok\",\"message\":{\"orderNumber\":1,\"sku\":\"apple\",\"quantity\":3,\"totalCents\":150}}");
        assertThat(post("/orders", "{\"sku\":\"kiwi\",\"quantity\":1}")).isEqualTo("{\"status\":\"Error\","
                + "\"message\":\"Internal server error: Handler 'inventory' failed: Unknown product: kiwi\"}");
        // The subscriber counts the sale asynchronously.
        Eventually.await("the sale counted", () -> manager.state().get(ShopState.SOLD).isPresent());
        assertThat(post("/sales-report", "")).isEqualTo("{\"status\":\"Ok\",\"message\":{\"greeting\":"
                + "\"Hello, manager (via sales-report)\",\"orders\":1,\"sold\":{\"apple\":3}}}");
    }
}
