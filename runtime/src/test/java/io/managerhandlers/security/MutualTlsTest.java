package io.managerhandlers.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.managerhandlers.Manager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS with a PKCS#1 server key, a CA, {@code allowedNames("client-1")} and an API key: who gets in,
 * who never does, and that the service keeps serving after every refusal.
 */
class MutualTlsTest {
    static TestPki pki;
    static Manager manager;
    static HttpClient allowed;

    @BeforeAll
    static void start() {
        pki = TestPki.get();
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .tls(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs1.key"), pki.file("ca.crt"))
                .allowedNames(List.of("client-1"))
                .handler("whoami", 1, m -> (data, call) -> call.clientName().orElse("none"))
                .handler("echo", 1, m -> (data, call) -> data)
                .build()
                .start();
        allowed = pki.httpClient("client-1");
    }

    @AfterAll
    static void stop() {
        if (allowed != null) {
            allowed.close();
        }
        if (manager != null) {
            manager.stop();
        }
    }

    /** After each test, refused or not, the allowed client is still served. */
    @AfterEach
    void stillServing() throws Exception {
        HttpResponse<String> res = send(allowed, "POST", "/echo", "Bearer secret");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"still here\"}");
    }

    @Test
    void allowedClientWithTheKeyGets200AndHandlersSeeItsName() throws Exception {
        HttpResponse<String> res = send(allowed, "POST", "/whoami", "Bearer secret");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"client-1\"}");
        assertThat(res.sslSession()).hasValueSatisfying(session ->
                assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));
    }

    @Test
    void theNameComesFromTheCertificateNeverFromAHeader() throws Exception {
        HttpRequest request = request("POST", "/whoami", "Bearer secret")
                .header("X-Client-Name", "admin").header("X-SSL-Client-CN", "admin")
                .header("X-Forwarded-Client-Cert", "Subject=\"CN=admin\"").build();
        HttpResponse<String> res = allowed.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"client-1\"}");
    }

    @Test
    void allowedClientOverTls12Gets200() throws Exception {
        try (HttpClient tls12 = pki.httpClient("client-1", "TLSv1.2")) {
            HttpResponse<String> res = send(tls12, "POST", "/whoami", "Bearer secret");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"client-1\"}");
            assertThat(res.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void allowedClientWithoutTheKeyGets401() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Basic c2VjcmV0", "Bearer secret2"}) {
            HttpResponse<String> res = send(allowed, "POST", "/whoami", authorization);
            assertThat(res.statusCode()).as(authorization).isEqualTo(401);
            assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Unauthorized\"}");
            assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void healthNeedsNoKeyButStillTheCertificate() throws Exception {
        HttpResponse<String> res = send(allowed, "GET", "/observe/health", null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"UP\"}");
        assertRefused(null, "GET", "/observe/health");
    }

    @Test
    void noClientCertificateNeverGetsIn() {
        assertRefused(null, "POST", "/whoami");
    }

    @Test
    void aNameNotAllowedNeverGetsIn() {
        assertRefused("client-2", "POST", "/whoami");
    }

    @Test
    void aCertificateFromAForeignCaNeverGetsInEvenWithAnAllowedName() {
        assertRefused("foreign-client-1", "POST", "/whoami");
    }

    @Test
    void anExpiredCertificateNeverGetsIn() {
        assertRefused("expired-client-1", "POST", "/whoami");
    }

    @Test
    void tls11IsRefusedInTheHandshakeWhileTheSameHelloAsTls12IsAnswered() throws Exception {
        int port = manager.port();
        assertThat(TlsProbe.helloAnswer(port, 2)).as("TLS 1.1 hello").isIn(TlsProbe.ALERT, TlsProbe.CLOSED);
        assertThat(TlsProbe.serverHelloVersion(port, 3)).as("TLS 1.2 hello").isEqualTo(0x0303);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        String answer = TlsProbe.plainHttp(manager.port());
        assertThat(answer).doesNotContain("HTTP/1.").doesNotContain("UP");
    }

    @Test
    void connectionsThatNeverFinishTheirHandshakeBlockNoOne() throws Exception {
        List<java.net.Socket> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(new java.net.Socket("127.0.0.1", manager.port()));
            }
            // Half a ClientHello on one more: the server waits for the rest on that connection only.
            java.net.Socket half = new java.net.Socket("127.0.0.1", manager.port());
            silent.add(half);
            byte[] hello = TlsProbe.clientHello(3);
            half.getOutputStream().write(hello, 0, hello.length / 2);
            half.getOutputStream().flush();
            try (HttpClient fresh = pki.httpClient("client-1")) {
                assertThat(send(fresh, "POST", "/whoami", "Bearer secret").statusCode()).isEqualTo(200);
            }
        } finally {
            for (java.net.Socket socket : silent) {
                socket.close();
            }
        }
    }

    /** Every request of {@code client} (null: no certificate) fails in the TLS handshake: no status at all. */
    private static void assertRefused(String client, String method, String path) {
        try (HttpClient http = pki.httpClient(client)) {
            HttpResponse<String> res = send(http, method, path, "Bearer secret");
            fail("The handshake should have refused %s, but %s %s answered %d %s", client == null
                    ? "a client without certificate" : client, method, path, res.statusCode(), res.body());
        } catch (IOException expected) {
            // javax.net.ssl.SSLHandshakeException, or the connection closed by the server's alert.
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String authorization)
            throws IOException, InterruptedException {
        return client.send(request(method, path, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + manager.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("still here"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }
}
