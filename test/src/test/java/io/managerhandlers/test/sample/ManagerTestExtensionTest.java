package io.managerhandlers.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.test.ManagerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a user writes: the service of this package started for the class, configured, and injected. */
@ManagerTest
class ManagerTestExtensionTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final Manager manager;

    ManagerTestExtensionTest(Manager manager) {
        this.manager = manager;
    }

    @ManagerTest.Configure
    static void configure(Manager.Builder builder) {
        builder.apiKey("test-key");
    }

    @Test
    void servesHttpOnALoopbackPortWithTheConfiguredKey(URI base) throws Exception {
        assertThat(base).isEqualTo(URI.create("http://127.0.0.1:" + manager.port() + "/"));
        assertThat(post(base, "test-key").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"Hello, Ada\"}");
        assertThat(post(base, null).statusCode()).isEqualTo(401);
    }

    @Test
    void injectsTheGeneratedHandlersAndTopics(Handlers handlers, Topics topics, Manager same) throws Exception {
        assertThat(same).isSameAs(manager);
        assertThat(handlers.hello().publish("Grace")).isEqualTo("Hello, Grace");
        topics.greetings().publish("hi");
        assertThat(Greetings.HEARD.poll(10, TimeUnit.SECONDS)).isEqualTo("hi");
    }

    @Nested
    class Inner {
        @Test
        void sharesTheEnclosingClassService(Manager inner) {
            assertThat(inner).isSameAs(manager);
        }
    }

    static HttpResponse<String> post(URI base, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("hello"))
                .POST(HttpRequest.BodyPublishers.ofString("Ada"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
