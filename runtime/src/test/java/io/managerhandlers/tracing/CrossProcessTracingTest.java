package io.managerhandlers.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Manager;
import io.managerhandlers.redis.LocalRedis;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.tracing.TracedService.Seen;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The done-when of tracing: two instances on one real redis-server, in two processes, each exporting spans
 * with its own OpenTelemetry SDK. A request carrying a {@code traceparent} keeps its trace id through a
 * blocking bus call, an asynchronous one, a dispatched one, a remote call the other instance runs, and a local
 * and a {@code REDIS} topic delivery on both instances: in what the handlers and subscribers see
 * ({@code Call.traceId()}, {@code Span.current()}) and in the spans both processes export.
 */
class CrossProcessTracingTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
    static final Set<String> SEEN_ON_A = Set.of("front", "inner-blocking", "inner-async", "inner-dispatch",
            TracedService.LOCAL_TOPIC, TracedService.REDIS_TOPIC);
    static final Set<String> SEEN_ON_B = Set.of("remote", TracedService.LOCAL_TOPIC, TracedService.REDIS_TOPIC);

    static LocalRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aRequestsTraceIdCrossesTheBusRedisAndTopicsOnBothProcessesAndTheirSpans() throws Exception {
        try (BackProcess back = new BackProcess(redis.url())) {
            back.awaitLines(lines -> lines.contains("READY"), "the back instance to start");
            InMemorySpanExporter exporter = InMemorySpanExporter.create();
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
            Map<String, Seen> seenOnA = new ConcurrentHashMap<>();
            Manager a = TracedService.front(redis.url(), OpenTelemetrySdk.builder().setTracerProvider(provider).build(),
                    (instance, seen) -> seenOnA.put(seen.where(), seen));
            try {
                HttpResponse<String> response = post(a, TRACEPARENT);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains(TRACE_ID + " ran on b as redis");

                // What the handlers and subscribers saw, on this instance and on the other process.
                awaitTrue(() -> seenOnA.keySet().containsAll(SEEN_ON_A), () -> "seen on a: " + seenOnA);
                for (Seen seen : seenOnA.values()) {
                    assertInTrace(seen);
                }
                List<String> backLines = back.awaitLines(lines -> seenIn(lines).keySet().containsAll(SEEN_ON_B),
                        "what the back instance saw");
                Map<String, Seen> seenOnB = seenIn(backLines);
                seenOnB.values().forEach(CrossProcessTracingTest::assertInTrace);

                // The spans this process exported: every one in the request's trace.
                List<String> spansOfA = List.of(
                        "SERVER - POST /front", "CONSUMER manager_handlers process front",
                        "CLIENT manager_handlers send inner", "PRODUCER manager_handlers send inner",
                        "CONSUMER manager_handlers process inner", "CLIENT redis send remote",
                        "PRODUCER manager_handlers send local-events", "CONSUMER manager_handlers process local-events",
                        "PRODUCER redis send shared-events", "CONSUMER redis process shared-events");
                awaitTrue(() -> described(exporter.getFinishedSpanItems()).containsAll(spansOfA)
                        && count(exporter.getFinishedSpanItems(), "process inner") == 3,
                        () -> "spans of a: " + described(exporter.getFinishedSpanItems()));
                List<SpanData> finished = exporter.getFinishedSpanItems();
                assertThat(finished).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE_ID));
                SpanData server = one(finished, "POST /front");
                assertThat(server.getParentSpanId()).as("the server span continues the caller's").isEqualTo(PARENT_ID);
                assertThat(seenOnA.get("front").spanId()).as("Span.current() in the handler is its run's span")
                        .isEqualTo(one(finished, "process front").getSpanId());
                assertThat(one(finished, "process front").getParentSpanId()).isEqualTo(server.getSpanId());
                assertThat(one(finished, "send remote").getAttributes()
                        .get(AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("send");

                // The other process's spans: the same trace, and its Redis hops are children of this one's sends.
                List<String> spansOfB = List.of("CONSUMER redis process remote",
                        "PRODUCER manager_handlers send local-events", "CONSUMER manager_handlers process local-events",
                        "CONSUMER redis process shared-events");
                List<String> spanLines = back.awaitLines(lines -> describedLines(lines).containsAll(spansOfB),
                        "the back instance's spans").stream().filter(l -> l.startsWith("SPAN ")).toList();
                assertThat(spanLines).allSatisfy(line -> assertThat(line.split(" ")[2]).isEqualTo(TRACE_ID));
                assertThat(parentOf(spanLines, "process remote")).isEqualTo(one(finished, "send remote").getSpanId());
                assertThat(parentOf(spanLines, "process shared-events"))
                        .isEqualTo(one(finished, "send shared-events").getSpanId());
                assertThat(seenOnB.get("remote").spanId()).isEqualTo(spanIdOf(spanLines, "process remote"));
            } finally {
                a.stop();
                provider.shutdown();
            }
        }
    }

    static void assertInTrace(Seen seen) {
        if (!seen.callTraceId().equals("-")) {
            assertThat(seen.callTraceId()).as("Call.traceId() in " + seen.where()).isEqualTo(TRACE_ID);
        }
        assertThat(seen.spanTraceId()).as("Span.current() in " + seen.where()).isEqualTo(TRACE_ID);
    }

    static HttpResponse<String> post(Manager manager, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + manager.port() + "/front"))
                .POST(HttpRequest.BodyPublishers.ofString("x"));
        if (traceparent != null) {
            request.header("traceparent", traceparent).header("tracestate", "vendor=abc");
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@link Eventually#await}, naming what was seen (made only when the wait fails). */
    static void awaitTrue(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        try {
            Eventually.await("the condition", condition::get);
        } catch (AssertionError e) {
            throw new AssertionError("Waited " + Eventually.DEFAULT.toSeconds() + " s; seen: " + what.get(), e);
        }
    }

    private static Map<String, Seen> seenIn(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("SEEN ")).map(Seen::parse)
                .collect(Collectors.toMap(Seen::where, s -> s, (x, y) -> y));
    }

    private static List<String> described(List<SpanData> spans) {
        return spans.stream().map(span -> {
            String system = span.getAttributes().get(AttributeKey.stringKey("messaging.system"));
            return span.getKind() + " " + (system == null ? "-" : system) + " " + span.getName();
        }).toList();
    }

    /** "SPAN kind trace span parent system name..." as "kind system name". */
    private static List<String> describedLines(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("SPAN ")).map(l -> {
            String[] p = l.split(" ", 7);
            return p[1] + " " + p[5] + " " + p[6];
        }).toList();
    }

    private static String parentOf(List<String> spanLines, String name) {
        return spanLines.stream().filter(l -> l.split(" ", 7)[6].equals(name)).findFirst().orElseThrow().split(" ")[4];
    }

    private static String spanIdOf(List<String> spanLines, String name) {
        return spanLines.stream().filter(l -> l.split(" ", 7)[6].equals(name)).findFirst().orElseThrow().split(" ")[3];
    }

    private static long count(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).count();
    }

    private static SpanData one(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        assertThat(named.get(0).getKind()).isNotNull().isIn((Object[]) SpanKind.values());
        return named.get(0);
    }

    /** {@link BackInstanceMain} in a JVM of its own, with the test's class path; its lines kept. */
    static final class BackProcess implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();

        BackProcess(String redisUrl) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BackInstanceMain.class.getName(), redisUrl).redirectErrorStream(true).start();
            Thread.ofPlatform().daemon().name("back-instance-output").start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            });
        }

        /** Waits (60 s at most) until the lines so far satisfy {@code done}; returns them. */
        List<String> awaitLines(java.util.function.Predicate<List<String>> done, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (lines) {
                while (!done.test(lines)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    assertThat(left).as("waited 60 s for " + what + "; the back instance said:\n"
                            + String.join("\n", lines)).isPositive();
                    assertThat(process.isAlive() || done.test(lines)).as("the back instance exited:\n"
                            + String.join("\n", lines)).isTrue();
                    lines.wait(Math.min(left, 500));
                }
                return List.copyOf(lines);
            }
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();     // it stops when its standard input closes
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
