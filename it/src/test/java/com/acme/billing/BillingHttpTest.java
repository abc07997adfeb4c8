package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.testing.HttpClientSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user's service, built by the generated ManagerBootstrap, answering over HTTP as the contract says. */
class BillingHttpTest {
    static Manager manager;
    static final String KEY = "Bearer it-key";
    static HttpClientSupport http;

    @BeforeAll
    static void start() {
        manager = ManagerBootstrap.manager().port(0).apiKey("it-key").maxJsonBytes(4096)
                .requestTimeout(Duration.ofSeconds(5)).build().start();
        http = new HttpClientSupport(manager.port(), KEY);
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void aRecordGoesInAndARecordComesOutThroughTypedAndUntypedCalls() throws Exception {
        HttpResponse<String> res = http.post("/quote",
                "{\"customer\":\"ada\",\"region\":\"eu\",\"amountCents\":1000,\"coupon\":\"WELCOME\"}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":{\"customer\":\"ada\","
                + "\"totalCents\":1100,\"currency\":\"EUR\",\"pricedBy\":\"http\"}}");
    }

    @Test
    void genericInputsAndOutputs() throws Exception {
        HttpResponse<String> res = http.post("/batch_totals", "[{\"customer\":\"b\",\"region\":\"us\",\"amountCents\":100},"
                + "{\"customer\":\"a\",\"region\":\"eu\",\"amountCents\":100},{\"customer\":\"b\",\"region\":\"us\",\"amountCents\":100}]");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":{\"a\":120,\"b\":214}}");
    }

    @Test
    void aStringHandlerTakesTheRawBody() throws Exception {
        assertThat(http.post("/currency", "eu").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"EUR\"}");
    }

    @Test
    void aHandlerThatThrowsIs500WithItsMessage() throws Exception {
        HttpResponse<String> res = http.post("/explode", "now");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Internal server error: ledger offline\"}");
    }

    @Test
    void aFailureOfACalledHandlerReachesTheClientWithItsMessage() throws Exception {
        HttpResponse<String> res = http.post("/quote", "{\"customer\":\"x\",\"region\":\"mars\",\"amountCents\":1}");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Internal server error: "
                + "Handler 'tax-rate' failed: No tax rate for region mars (asked by quote)\"}");
    }

    @Test
    void errorsAreJsonWithTheRightStatus() throws Exception {
        assertError(http.post("/quote", "{\"customer\":\"x\""), 400, "Invalid JSON body");
        assertError(http.post("/quote", "{\"customer\":\"x\",\"region\":\"eu\"}"), 400, "Invalid JSON body");
        assertError(http.post("/quote", "{\"customer\":\"x\",\"region\":\"eu\",\"amountCents\":1e40}"), 400, "Invalid JSON body");
        assertError(http.post("/nobody", "{}"), 404, "Handler not found: nobody");
        assertError(http.send("GET", "/quote", null, KEY), 405, "Method not allowed");
        assertError(http.post("/currency", "x".repeat(5000)), 413, "Payload too large");
        assertError(http.send("POST", "/quote", "{}", null), 401, "Unauthorized");
        assertError(http.send("POST", "/nobody", "{}", "Bearer nope"), 401, "Unauthorized");
    }

    @Test
    void shutdownNeedsTheKey() throws Exception {
        assertError(http.send("POST", "/shutdown", null, null), 401, "Unauthorized");
        assertError(http.send("POST", "/shutdown", null, "Bearer wrong"), 401, "Unauthorized");
        assertThat(http.post("/currency", "us").statusCode()).isEqualTo(200);
    }

    @Test
    void aOneReplicaHandlerCalledThreeTimesAtOnceRunsThemOneAfterAnother() throws Exception {
        long start = System.nanoTime();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callers.submit(() -> http.post("/slow-ledger", "300")));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> res = call.get(60, TimeUnit.SECONDS);
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":1}");
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void healthIsOpen() throws Exception {
        HttpResponse<String> res = http.send("GET", "/observe/health", null, null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    private static void assertError(HttpResponse<String> res, int status, String messageStart) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(res.body()).startsWith("{\"status\":\"Error\",\"message\":\"" + messageStart)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
