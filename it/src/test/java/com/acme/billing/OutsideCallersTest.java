package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.billing.catalog.CatalogMain;
import com.acme.billing.catalog.Grade;
import com.acme.billing.catalog.Line;
import com.acme.billing.catalog.OrderRequest;
import com.acme.billing.catalog.OrderSummary;
import com.acme.billing.catalog.Price;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.client.ClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program calling the service: the service runs as its own process ({@link CatalogMain}); this test uses
 * only the generated {@code HandlersClient}.
 */
class OutsideCallersTest {
    @TempDir
    static Path dir;
    static Process service;
    static URI base;
    static HandlersClient client;

    @BeforeAll
    static void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path store = Files.createDirectories(dir.resolve("store"));
        service = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CatalogMain.class.getName(),
                store.toString()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("PORT=")) {
            // start-up logs
        }
        assertThat(line).as("the service printed its port").isNotNull();
        base = URI.create("http://127.0.0.1:" + line.substring("PORT=".length()));
        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> { }));   // keep its output flowing
        client = HandlersClient.builder(base).apiKey("it-key").timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void recordsWithNestedRecordsListsOptionalsEnumsDecimalsAndDatesComeBackTyped() {
        OrderRequest order = new OrderRequest("ada",
                List.of(new Line("apple", 3, new Price(new BigDecimal("0.50"), "EUR")),
                        new Line("pear", 2, new Price(new BigDecimal("1.25"), "EUR"))),
                Optional.empty(), Grade.PREMIUM, LocalDate.of(2026, 12, 24), Map.of("apple", 3));
        OrderSummary summary = client.priceOrder().publish(order);
        assertThat(summary.total()).isEqualTo(new Price(new BigDecimal("3.6000"), "EUR"));
        assertThat(summary.grade()).isEqualTo(Grade.PREMIUM);
        assertThat(summary.pricedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(summary.deliverOn()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(summary.lines()).isEqualTo(order.lines());
        assertThat(summary.reserved()).isEqualTo(Map.of("apple", 3));
        assertThat(summary.coupon()).isEmpty();
        assertThat(client.priceOrder().publish(new OrderRequest("bob", List.of(), Optional.of("WELCOME"),
                Grade.STANDARD, LocalDate.of(2027, 1, 1), Map.of())).coupon()).contains("WELCOME");
    }

    @Test
    void genericInputsAndOutputsAndEveryOtherHandler() throws Exception {
        assertThat(client.wordCounts().publish(List.of("a", "b", "a"))).isEqualTo(Map.of("a", 2L, "b", 1L));
        CompletableFuture<Map<String, Long>> async = client.wordCounts().publishAsync(List.of("x"));
        assertThat(async.get(30, TimeUnit.SECONDS)).isEqualTo(Map.of("x", 1L));
        assertThat(client.currency().publish("eu")).isEqualTo("EUR");
        assertThat(client.taxRate().publish("us")).isEqualTo(0.07);
        assertThat(client.ledger().publish("")).isZero();
        assertThat(client.quote().publish(new QuoteRequest("ada", "eu", 1000, Optional.of("WELCOME"))))
                .isEqualTo(new QuoteResponse("ada", 1100, "EUR", "http"));
        assertThat(client.batchTotals().publish(List.of(new QuoteRequest("a", "eu", 100, Optional.empty()))))
                .isEqualTo(Map.of("a", 120L));
        assertThat(client.recordPayment().publish(new Payment(1, 500))).isEqualTo(1);
    }

    @Test
    void aHandlerThatThrowsIsAHandlerExceptionWithTheServersMessage() {
        assertThatThrownBy(() -> client.explode().publish("now"))
                .isInstanceOf(HandlerException.class)
                .hasMessage("Internal server error: ledger offline");
        assertThatThrownBy(() -> client.taxRate().publishAsync("mars").join())
                .hasCauseInstanceOf(HandlerException.class)
                .hasMessageContaining("No tax rate for region mars");
    }

    @Test
    void aWrongKeyIsAClientExceptionWithStatus401() {
        try (HandlersClient wrong = HandlersClient.connect(base, "not-the-key")) {
            assertThatThrownBy(() -> wrong.currency().publish("eu"))
                    .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessage("Unauthorized");
        }
    }

    @Test
    void aMistypedBodyIsAClientExceptionWithStatus400() {
        assertThatThrownBy(() -> client.priceOrder().publish(new OrderRequest(null, List.of(), Optional.empty(),
                Grade.STANDARD, LocalDate.of(2026, 1, 1), Map.of())))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("customer");
    }

    @Test
    void aTimeoutTooShortIsABusTimeoutException() {
        // slow-ledger sleeps the milliseconds it is given; the client waits a tenth of that.
        assertThatThrownBy(() -> client.slowLedger().publish(3000, Duration.ofMillis(300)))
                .isInstanceOf(BusTimeoutException.class);
    }

    @Test
    void aFileOf3MiBRoundTripsThroughFiles() throws IOException {
        byte[] content = new byte[3 << 20];
        new Random(16).nextBytes(content);
        Path source = Files.write(dir.resolve("report 3MiB.bin"), content);
        String id = client.files().upload(source);
        assertThat(id).isNotBlank();
        Path target = dir.resolve("downloaded.bin");
        client.files().download(id, target);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(client.files().metadata(id)).contains(String.valueOf(content.length));
        assertThatThrownBy(() -> client.files().download("no-such-file", dir.resolve("absent.bin")))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(dir.resolve("absent.bin")).doesNotExist();
    }
}
