package io.managerhandlers.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.managerhandlers.Manager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi} of a manager whose handlers were registered by hand (no processor, so no generated
 * document): each still appears, with its types undescribed; without an API key there is no security
 * requirement; without the optional UI artifact {@code /openapi/ui} says what to add.
 */
class OpenApiRouteTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static HttpResponse<String> send(Manager manager, String method, String path, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + manager.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofString("x"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handlersRegisteredByHandAreListedAndNoKeyMeansNoSecurityRequirement() throws Exception {
        Manager manager = Manager.builder().host("127.0.0.1").port(0)
                .handler("echo", 1, m -> (data, call) -> "Echo: " + data).build().start();
        try {
            HttpResponse<String> res = send(manager, "GET", "/openapi", null);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode document = new ObjectMapper().readTree(res.body());
            assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(document.at("/paths/~1echo/post/description").asText()).contains("without the annotation processor");
            assertThat(document.has("security")).isFalse();
            assertThat(document.get("paths").has("/stream/upload/{file_name}")).isFalse();
            // POST /openapi is still a handler's route: none is named so.
            assertThat(send(manager, "POST", "/openapi", null).statusCode()).isEqualTo(404);
            HttpResponse<String> ui = send(manager, "GET", "/openapi/ui", null);
            assertThat(ui.statusCode()).isEqualTo(404);
            assertThat(ui.body()).contains("manager-handlers-openapi-ui");
        } finally {
            manager.stop();
        }
    }

    @Test
    void withAKeyTheDocumentNeedsItAndSaysSo() throws Exception {
        Manager manager = Manager.builder().host("127.0.0.1").port(0).apiKey("k")
                .handler("echo", 1, m -> (data, call) -> data).build().start();
        try {
            assertThat(send(manager, "GET", "/openapi", null).statusCode()).isEqualTo(401);
            HttpResponse<String> res = send(manager, "GET", "/openapi", "k");
            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode document = new ObjectMapper().readTree(res.body());
            assertThat(document.at("/security/0/apiKey").isArray()).isTrue();
            assertThat(document.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
            // The same bytes every time.
            assertThat(send(manager, "GET", "/openapi", "k").body()).isEqualTo(res.body());
        } finally {
            manager.stop();
        }
    }
}
