package io.managerhandlers.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Manager;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.TypeToken;
import io.managerhandlers.security.TestPki;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The client's statuses the generated code cannot provoke on a healthy service (a handler the server lacks, the
 * server's own 504), and TLS with a client certificate; through {@link ClientBuilder}, as the generated
 * {@code HandlersClient} uses it.
 */
class ClientEndpointTest {
    private static ClientConnection connect(URI base, String key) {
        return new ClientBuilder<>(base, connection -> connection).apiKey(key).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aHandlerTheServerLacksIsNoSuchHandlerAndAHandlerPastTheRequestTimeoutIsABusTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Manager manager = Manager.builder().host("127.0.0.1").port(0).apiKey("k")
                .requestTimeout(Duration.ofSeconds(1))
                .handler("stuck", 1, m -> (data, call) -> {
                    never.await();
                    return data;
                })
                .build().start();
        try (ClientConnection client = connect(URI.create("http://127.0.0.1:" + manager.port() + "/"), "k")) {
            ClientEndpoint<String, String> absent = client.endpoint("absent", TypeToken.of(String.class),
                    TypeToken.of(String.class));
            assertThatThrownBy(() -> absent.publish("x")).isInstanceOf(NoSuchHandlerException.class);
            ClientEndpoint<String, String> stuck = client.endpoint("stuck", TypeToken.of(String.class),
                    TypeToken.of(String.class));
            // The server answers 504 after its 1 s request timeout, well before the client's 30 s.
            assertThatThrownBy(() -> stuck.publish("x")).isInstanceOf(BusTimeoutException.class);
        } finally {
            never.countDown();
            manager.stop();
        }
    }

    @Test
    void mutualTlsWithTheBuildersSslContext() {
        TestPki pki = TestPki.get();
        Manager manager = Manager.builder().port(0).apiKey("k")
                .tls(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs1.key"), pki.file("ca.crt"))
                .allowedNames(List.of("client-1"))
                .handler("echo", 1, m -> (data, call) -> "Echo: " + data + " from " + call.clientName().orElse("?"))
                .build().start();
        URI base = URI.create("https://localhost:" + manager.port());
        try (ClientConnection client = new ClientBuilder<>(base, connection -> connection).apiKey("k")
                .sslContext(pki.clientContext("client-1")).build()) {
            assertThat(client.endpoint("echo", TypeToken.of(String.class), TypeToken.of(String.class)).publish("hi"))
                    .isEqualTo("Echo: hi from client-1");
        } finally {
            manager.stop();
        }
        Manager again = Manager.builder().port(0).apiKey("k")
                .tls(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs1.key"), pki.file("ca.crt"))
                .handler("echo", 1, m -> (data, call) -> data).build().start();
        try (ClientConnection anonymous = new ClientBuilder<>(URI.create("https://localhost:" + again.port()),
                connection -> connection).apiKey("k").sslContext(pki.clientContext(null)).build()) {
            // Without a client certificate the handshake fails: no answer at all, status 0.
            assertThatThrownBy(() -> anonymous.endpoint("echo", TypeToken.of(String.class), TypeToken.of(String.class))
                    .publish("hi")).isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isZero());
        } finally {
            again.stop();
        }
    }
}
