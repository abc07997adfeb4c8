package io.managerhandlers.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.managerhandlers.FileContent;
import io.managerhandlers.Manager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS without client certificates, other key formats, a CA without allowed names, and start-up errors. */
class TlsSetupTest {
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.get();
    }

    private static Manager start(Path cert, Path key, Path ca, List<String> names) {
        return Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .tls(cert, key, ca)
                .allowedNames(names)
                .handler("whoami", 1, m -> (data, call) -> call.clientName().orElse("none"))
                .build()
                .start();
    }

    @Test
    void tlsWithAPkcs8KeyAnswersHttpsAndRefusesPlainHttp() throws Exception {
        Manager manager = start(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs8.key"), null, List.of());
        try (HttpClient https = pki.httpClient(null); HttpClient plain = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30)).build()) {
            int port = manager.port();
            HttpResponse<String> res = post(https, "https://127.0.0.1:" + port + "/whoami");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"none\"}");
            assertThat(get(https, "https://127.0.0.1:" + port + "/observe/health").body())
                    .isEqualTo("{\"status\":\"UP\"}");

            assertThatThrownBy(() -> post(plain, "http://127.0.0.1:" + port + "/whoami"))
                    .isInstanceOf(IOException.class);
            assertThat(TlsProbe.plainHttp(port)).doesNotContain("HTTP/1.").doesNotContain("UP");
            assertThat(TlsProbe.helloAnswer(port, 2)).as("TLS 1.1").isIn(TlsProbe.ALERT, TlsProbe.CLOSED);
            assertThat(TlsProbe.serverHelloVersion(port, 3)).as("TLS 1.2").isEqualTo(0x0303);

            assertThat(post(https, "https://127.0.0.1:" + port + "/whoami").statusCode()).isEqualTo(200);
        } finally {
            manager.stop();
        }
    }

    @Test
    void aFileDownloadOverTlsIsEncryptedAndWhole(@TempDir Path dir) throws Exception {
        // Plain HTTP sends files with sendfile, around the response stream; TLS must not: its bytes must be
        // encrypted on their way, so a file of several blocks is copied through the TLS stream.
        byte[] bytes = new byte[3 << 20];
        new java.util.Random(11).nextBytes(bytes);
        Path file = dir.resolve("big.bin");
        Files.write(file, bytes);
        Manager manager = Manager.builder().port(0).host("127.0.0.1")
                .tls(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs8.key"), null)
                .downloadHandler("down", 1, m -> (call, id) -> FileContent.of(file))
                .build().start();
        try (HttpClient https = pki.httpClient(null)) {
            HttpResponse<byte[]> res = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + manager.port() + "/stream/download/big")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo(bytes);
        } finally {
            manager.stop();
        }
    }

    @Test
    void anEcKeyInSec1FormWithItsParametersBlockServes() throws Exception {
        assertThat(Files.readString(pki.file("server-ec.key")))
                .contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        Manager manager = start(pki.file("server-ec.crt"), pki.file("server-ec.key"), pki.file("ca.crt"), List.of());
        try (HttpClient tls12 = pki.httpClient("client-1", "TLSv1.2")) {
            HttpResponse<String> res = post(tls12, "https://127.0.0.1:" + manager.port() + "/whoami");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"client-1\"}");
            assertThat(res.sslSession().orElseThrow().getCipherSuite()).contains("ECDSA");
        } finally {
            manager.stop();
        }
    }

    @Test
    void aCaWithoutAllowedNamesLetsInEveryCertificateItSignedAndNoOther() throws Exception {
        Manager manager = start(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs1.key"), pki.file("ca.crt"),
                List.of());
        String url = "https://127.0.0.1:" + manager.port() + "/whoami";
        try (HttpClient client2 = pki.httpClient("client-2"); HttpClient foreign = pki.httpClient("foreign-client-1");
                HttpClient none = pki.httpClient(null)) {
            HttpResponse<String> res = post(client2, url);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"client-2\"}");
            for (HttpClient refused : List.of(foreign, none)) {
                try {
                    HttpResponse<String> answer = post(refused, url);
                    fail("The handshake should have refused it, but it got %d %s", answer.statusCode(), answer.body());
                } catch (IOException expected) {
                    // The TLS handshake failed.
                }
            }
            assertThat(post(client2, url).statusCode()).isEqualTo(200);
        } finally {
            manager.stop();
        }
    }

    @Test
    void startUpErrorsNameTheFile() throws IOException {
        Path cert = pki.file("server-rsa.crt");
        Path key = pki.file("server-rsa-pkcs8.key");
        Path ca = pki.file("ca.crt");
        Path missing = pki.file("missing.pem");
        Path openssh = pki.file("openssh.key");
        Files.writeString(openssh, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
        Path garbage = pki.file("garbage.key");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n");
        Path truncated = pki.file("truncated.key");
        Files.writeString(truncated, Files.readString(key).replace("-----END PRIVATE KEY-----", ""));

        assertStartFails(missing, key, null, missing, "no such file");
        assertStartFails(cert, missing, null, missing, "no such file");
        assertStartFails(cert, key, missing, missing, "no such file");
        assertStartFails(pki.dir, key, null, pki.dir, "cannot be read");
        assertStartFails(key, key, null, key, "holds no PEM certificate");
        assertStartFails(cert, cert, null, cert, "holds no PEM private key");
        assertStartFails(cert, key, key, key, "holds no PEM certificate");
        assertStartFails(cert, pki.file("other-rsa.key"), null, pki.file("other-rsa.key"), "does not match");
        assertStartFails(cert, pki.file("server-ec.key"), null, pki.file("server-ec.key"), "does not match");
        assertStartFails(pki.file("server-ec.crt"), key, null, key, "does not match");
        assertStartFails(cert, pki.file("encrypted.key"), null, pki.file("encrypted.key"), "encrypted");
        assertStartFails(cert, openssh, null, openssh, "unsupported key format");
        assertStartFails(cert, garbage, null, garbage, "not valid Base64");
        assertStartFails(cert, truncated, null, truncated, "has no END line");
    }

    private static void assertStartFails(Path cert, Path key, Path ca, Path named, String reason) {
        Manager manager = Manager.builder().port(0).host("127.0.0.1").apiKey("secret").tls(cert, key, ca)
                .handler("whoami", 1, m -> (data, call) -> "x").build();
        try {
            assertThatThrownBy(manager::start)
                    .as("tls(%s, %s, %s)", cert.getFileName(), key.getFileName(), ca)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(named.toAbsolutePath().toString())
                    .hasMessageContaining(reason);
        } finally {
            manager.stop();
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer secret")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
