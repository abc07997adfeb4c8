package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.managerhandlers.testing.HttpClientSupport;
import io.managerhandlers.testing.TimeBounds;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP behaviour of the contract, against a real server with handlers registered by hand. */
class HttpContractTest {
    record Order(String id, int quantity, Optional<String> note) {
    }

    record Receipt(String id, int total) {
    }

    private static final AtomicInteger CONCURRENT = new AtomicInteger();
    private static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** {@code slow} runs until its test has its answer: a server that waited for it would never answer. */
    private static final CountDownLatch SLOW_RELEASE = new CountDownLatch(1);
    /** {@code busy} says it holds its one replica, and holds it until its test has seen the call behind it refused. */
    private static final CountDownLatch BUSY_INSIDE = new CountDownLatch(1);
    private static final CountDownLatch BUSY_RELEASE = new CountDownLatch(1);

    static Manager manager;
    static HttpClientSupport http;

    @BeforeAll
    static void start() {
        manager = Manager.builder()
                .port(0)
                .apiKey("secret")
                .requestTimeout(REQUEST_TIMEOUT)
                .maxJsonBytes(1024)
                .handler("echo", 1, m -> (data, call) -> "Echo from " + call.source() + ": " + data)
                .handler("orders", 2, Order.class, Receipt.class,
                        m -> (order, call) -> new Receipt(order.id(), order.quantity() * 10))
                .handler("list", 1, TypeToken.of(String.class),
                        TypeToken.<List<Integer>>parameterized(List.class, TypeToken.of(Integer.class)),
                        m -> (data, call) -> List.of(1, 2, 3))
                .handler("boom", 1, m -> (data, call) -> {
                    throw new IllegalStateException("out of stock");
                })
                .handler("slow", 1, m -> (data, call) -> {
                    SLOW_RELEASE.await();
                    return "slept";
                })
                .handler("busy", 1, m -> (data, call) -> {
                    BUSY_INSIDE.countDown();
                    BUSY_RELEASE.await();
                    return "slept";
                })
                .handler("single", 1, m -> (data, call) -> {
                    int now = CONCURRENT.incrementAndGet();
                    MAX_CONCURRENT.accumulateAndGet(now, Math::max);
                    Thread.sleep(50);           // work long enough for the calls to overlap if they could
                    CONCURRENT.decrementAndGet();
                    return data;
                })
                .handler("header", 1, m -> (data, call) -> call.header("X-Trace").orElse("none") + " "
                        + call.remoteAddress().isPresent())
                .subscriber(m -> new Object(), (s, on) -> on.on("ticks", io.managerhandlers.annotations.Transport.LOCAL,
                        TypeToken.of(Integer.class), n -> { }))
                .build()
                .start();
        http = new HttpClientSupport(manager.port(), "Bearer secret");
    }

    @AfterAll
    static void stop() {
        SLOW_RELEASE.countDown();
        BUSY_RELEASE.countDown();
        manager.stop();
    }

    @Test
    void stringHandlerGetsTheRawBodyAndAnswersInTheEnvelope() throws Exception {
        HttpResponse<String> res = http.post("/echo", "hi \"there\"");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"Echo from http: hi \\\"there\\\"\"}");
    }

    @Test
    void recordsAreReadAndWrittenAsJson() throws Exception {
        HttpResponse<String> res = http.post("/orders", "{\"id\":\"a1\",\"quantity\":3}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":{\"id\":\"a1\",\"total\":30}}");
        assertThat(http.post("/list", "").body()).isEqualTo("{\"status\":\"Ok\",\"message\":[1,2,3]}");
    }

    @Test
    void malformedOrMistypedJsonIs400() throws Exception {
        for (String body : List.of("{", "{\"id\":\"a\",\"quantity\":3} trailing", "{\"id\":\"a\"}",
                "{\"id\":null,\"quantity\":1}", "{\"id\":\"a\",\"quantity\":99999999999}",
                "{\"id\":\"a\",\"quantity\":\"3\"}", "{\"id\":\"a\",\"quantity\":1.5}",
                "{\"id\":\"a\",\"quantity\":1,\"extra\":1}", "{\"id\":\"a\",\"id\":\"b\",\"quantity\":1}", "null", "")) {
            HttpResponse<String> res = http.post("/orders", body);
            assertThat(res.statusCode()).as(body).isEqualTo(400);
            assertThat(res.body()).as(body).startsWith("{\"status\":\"Error\",\"message\":\"Invalid")
                    .doesNotContain("Source").doesNotContain("\tat ").doesNotContain("io.managerhandlers");
        }
    }

    @Test
    void anOptionalComponentMayBeMissing() throws Exception {
        assertThat(http.post("/orders", "{\"id\":\"a\",\"quantity\":1,\"note\":null}").statusCode()).isEqualTo(200);
        assertThat(http.post("/orders", "{\"id\":\"a\",\"quantity\":1}").statusCode()).isEqualTo(200);
    }

    @Test
    void everyPathNeedsTheKeyButHealth() throws Exception {
        for (String path : List.of("/echo", "/nope", "/shutdown", "/observe/metrics", "/stream/upload/x", "/")) {
            HttpResponse<String> res = http.send("POST", path, "x", null);
            assertThat(res.statusCode()).as(path).isEqualTo(401);
            assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Unauthorized\"}");
            assertThat(res.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(http.send("POST", path, "x", "Bearer wrong").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(http.send("GET", "/observe/health", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void theBareKeyIsAcceptedToo() throws Exception {
        assertThat(http.send("POST", "/echo", "x", "secret").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownHandlerIs404AndWrongMethod405() throws Exception {
        HttpResponse<String> res = http.post("/missing", "x");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Handler not found: missing\"}");
        HttpResponse<String> get = http.send("GET", "/echo", null, "Bearer secret");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).startsWith("{\"status\":\"Error\"");
    }

    @Test
    void routesAreExactWhateverThePathSpelling() throws Exception {
        for (String path : List.of("/x/../echo", "//echo", "/echo/", "/./echo", "/echo;a=b", "/%65cho")) {
            String answer = http.raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\n"
                    + "Content-Length: 1\r\nConnection: close\r\n\r\nx");
            assertThat(answer).as(path).startsWith("HTTP/1.1 404").contains("{\"status\":\"Error\"");
        }
        String unauthorized = http.raw("POST /x/../shutdown HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(unauthorized).startsWith("HTTP/1.1 401");
    }

    @Test
    void aHandlerThatThrowsIs500WithItsMessage() throws Exception {
        HttpResponse<String> res = http.post("/boom", "x");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Internal server error: out of stock\"}");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> res = http.post("/echo", "x".repeat(2000));
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).startsWith("{\"status\":\"Error\",\"message\":\"Payload too large");
        String chunked = http.raw("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: secret\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n7d0\r\n" + "y".repeat(2000) + "\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 413").contains("Payload too large");
    }

    @Test
    void aHandlerPastTheRequestTimeoutIs504() throws Exception {
        long start = System.nanoTime();
        try {
            HttpResponse<String> res = http.post("/slow", "");
            assertThat(res.statusCode()).isEqualTo(504);
            assertThat(res.body()).startsWith("{\"status\":\"Error\",\"message\":\"Gateway timeout");
            TimeBounds.endedWithin(start, REQUEST_TIMEOUT, "a call past the request timeout");
        } finally {
            SLOW_RELEASE.countDown();
        }
    }

    @Test
    void oneReplicaServesConcurrentCallsOneAtATime() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = "call-" + i;
                calls.add(pool.submit(() -> http.post("/single", body)));
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> res = calls.get(i).get(60, TimeUnit.SECONDS);
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(res.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"call-" + i + "\"}");
            }
        }
        assertThat(MAX_CONCURRENT.get()).isEqualTo(1);
    }

    @Test
    void callsWaitingForABusyReplicaPastTheTimeoutAre503() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> busy = pool.submit(() -> http.post("/busy", "first"));
            assertThat(BUSY_INSIDE.await(60, TimeUnit.SECONDS)).as("the first call holds the replica").isTrue();
            HttpResponse<String> waiting = http.post("/busy", "second");
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        } finally {
            BUSY_RELEASE.countDown();
        }
    }

    @Test
    void handlersSeeHeadersAndTheirCaller() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + manager.port() + "/header"))
                .header("Authorization", "Bearer secret").header("X-Trace", "t-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("")).build();
        assertThat(HttpClientSupport.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("{\"status\":\"Ok\",\"message\":\"t-1 true\"}");
    }

    @Test
    void metricsCountCalls() throws Exception {
        http.post("/echo", "m");
        manager.topic("ticks", TypeToken.of(Integer.class)).publish(1);
        HttpResponse<String> res = http.metricsJson("Bearer secret");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).startsWith("{\"status\":\"Ok\",\"message\":{\"handlers\":{")
                .contains("\"echo\":{\"calls\":").contains("\"pending\":0,\"replicas\":1")
                .contains("\"ticks\":{\"subscribers\":1,\"published\":1,");
        assertThat(http.send("GET", "/observe/metrics", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void metricsCountEveryCallAndFailureOfAHandler() throws Exception {
        JsonNode before = handlerMetrics("boom");
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/boom", "x").statusCode()).isEqualTo(500);
        }
        JsonNode after = handlerMetrics("boom");
        assertThat(after.get("calls").asLong() - before.get("calls").asLong()).isEqualTo(3);
        assertThat(after.get("failures").asLong() - before.get("failures").asLong()).isEqualTo(3);
        assertThat(after.get("meanMillis").asDouble()).isGreaterThan(0);
    }

    private static JsonNode handlerMetrics(String handler) throws Exception {
        HttpResponse<String> res = http.metricsJson("Bearer secret");
        return new ObjectMapper().readTree(res.body()).at("/message/handlers/" + handler);
    }
}
