package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.managerhandlers.Manager;
import io.managerhandlers.test.ManagerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The service started for this class on a free loopback port, with an API key, reached typed and over HTTP. */
@ManagerTest
class HelloTest {
    @ManagerTest.Configure
    static void configure(Manager.Builder builder) {
        builder.apiKey("test-key");
    }

    @Test
    void greetsOverTheBus(Handlers handlers) {
        assertEquals("Hello, Ada", handlers.hello().publish("Ada"));
    }

    @Test
    void greetsOverHttp(URI base, Manager manager) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("hello"))
                .header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString("Ada"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("{\"status\":\"Ok\",\"message\":\"Hello, Ada\"}", answer.body());
        assertEquals(manager.port(), base.getPort());
    }
}
