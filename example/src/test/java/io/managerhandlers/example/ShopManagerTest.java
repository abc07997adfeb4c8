package io.managerhandlers.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.test.ManagerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The shop under @ManagerTest: started for the class on a free port, configured here, reached typed and over HTTP. */
@ManagerTest
class ShopManagerTest {
    @ManagerTest.Configure
    static void configure(Manager.Builder builder) {
        builder.apiKey("test-key").state(ShopState.GREETING, "Hello");
    }

    @Test
    void greetsOverTheBusAndOverHttp(Handlers handlers, URI base, Manager manager) throws Exception {
        assertThat(handlers.greet().publish("Ada")).isEqualTo("Hello, Ada (via local)");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("greet"))
                .header("Authorization", "Bearer test-key").POST(HttpRequest.BodyPublishers.ofString("Grace")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"Hello, Grace (via http)\"}");
        assertThat(base.getPort()).isEqualTo(manager.port());
    }
}
