package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.managerhandlers.Manager;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /observe/metrics} after 7 calls to one handler and 2 failing calls to another: the Prometheus
 * text holds exactly those counts, the histogram's {@code _count} is its {@code +Inf} bucket, promtool finds
 * nothing to say, OpenMetrics ends with {@code # EOF}, JSON carries the same numbers. File handlers count too.
 */
class PrometheusMetricsTest {
    private static final String KEY = "Bearer secret";
    @TempDir
    static Path store;
    static Manager manager;
    static ObserveHttp http;

    @BeforeAll
    static void start() throws Exception {
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .fileStore(store)
                .handler("seven", 2, m -> (data, call) -> "ok " + data)
                .handler("failing", 1, m -> (data, call) -> {
                    throw new IllegalStateException("always");
                })
                .handler("idle", 3, m -> (data, call) -> data)
                .build()
                .start();
        http = new ObserveHttp(manager.port());
        for (int i = 0; i < 7; i++) {
            assertThat(http.post("/seven", "x" + i, "Authorization", KEY).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/failing", "x", "Authorization", KEY).statusCode()).isEqualTo(500);
        }
        HttpResponse<String> upload = http.post("/stream/upload/a.txt", "hello", "Authorization", KEY,
                "Approximate-Size", "5");
        assertThat(upload.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void thePrometheusTextHoldsExactlyTheCounts() throws Exception {
        HttpResponse<String> res = http.get("/observe/metrics", "Authorization", KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = samples(res.body());
        assertThat(samples).containsEntry("mh_handler_calls_total{handler=\"seven\",outcome=\"ok\"}", 7.0)
                .containsEntry("mh_handler_calls_total{handler=\"seven\",outcome=\"error\"}", 0.0)
                .containsEntry("mh_handler_calls_total{handler=\"failing\",outcome=\"error\"}", 2.0)
                .containsEntry("mh_handler_calls_total{handler=\"failing\",outcome=\"ok\"}", 0.0)
                .containsEntry("mh_handler_calls_total{handler=\"failing\",outcome=\"timeout\"}", 0.0)
                .containsEntry("mh_handler_calls_total{handler=\"failing\",outcome=\"rejected\"}", 0.0)
                .containsEntry("mh_handler_duration_seconds_count{handler=\"seven\"}", 7.0)
                .containsEntry("mh_handler_duration_seconds_bucket{handler=\"seven\",le=\"+Inf\"}", 7.0)
                .containsEntry("mh_handler_duration_seconds_count{handler=\"failing\"}", 2.0)
                .containsEntry("mh_handler_duration_seconds_bucket{handler=\"failing\",le=\"+Inf\"}", 2.0)
                .containsEntry("mh_handler_duration_seconds_count{handler=\"idle\"}", 0.0)
                .containsEntry("mh_handler_replicas{handler=\"seven\"}", 2.0)
                .containsEntry("mh_handler_replicas{handler=\"idle\"}", 3.0)
                .containsEntry("mh_handler_busy_replicas{handler=\"idle\"}", 0.0)
                .containsEntry("mh_handler_queued{handler=\"seven\"}", 0.0)
                .containsEntry("mh_http_requests_total{code=\"500\"}", 2.0);
        assertThat(samples.get("mh_http_requests_total{code=\"200\"}")).isGreaterThanOrEqualTo(8.0);
        assertThat(samples.get("mh_handler_duration_seconds_bucket{handler=\"seven\",le=\"60.0\"}")).isEqualTo(7.0);
        assertThat(samples.get("mh_handler_duration_seconds_sum{handler=\"seven\"}")).isPositive();
        // The file store's upload handler counts like a request handler.
        String upload = samples.keySet().stream().filter(k -> k.startsWith("mh_handler_calls_total{handler=")
                && k.endsWith("outcome=\"ok\"}") && !k.contains("\"seven\"") && !k.contains("\"failing\"")
                && !k.contains("\"idle\"") && samples.get(k) == 1.0).findFirst().orElseThrow();
        String name = upload.substring(upload.indexOf("handler=\"") + 9, upload.indexOf("\","));
        assertThat(samples).containsEntry("mh_handler_duration_seconds_count{handler=\"" + name + "\"}", 1.0);
        assertThat(res.body()).contains("# TYPE mh_handler_duration_seconds histogram",
                "# TYPE mh_handler_calls_total counter", "# TYPE mh_handler_queued gauge");
    }

    @Test
    void promtoolFindsNothingToSay() throws Exception {
        String promtool = executable("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian: prometheus; .ci/run installs it)");
        // promtool reads the Prometheus text format only (its parser takes OpenMetrics' counter HELP, which
        // names the family without _total, for a missing one), so the default format is the one checked.
        for (String accept : new String[] {"text/plain", "*/*"}) {
            byte[] body = http.get("/observe/metrics", "Authorization", KEY, "Accept", accept).body()
                    .getBytes(StandardCharsets.UTF_8);
            Process check = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
            check.getOutputStream().write(body);
            check.getOutputStream().close();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(said).as(accept).isEmpty();
            assertThat(check.exitValue()).as(accept).isZero();
        }
    }

    @Test
    void openMetricsEndsWithEof() throws Exception {
        HttpResponse<String> res = http.get("/observe/metrics", "Authorization", KEY,
                "Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(res.body()).endsWith("# EOF\n");
        assertThat(samples(res.body())).containsEntry("mh_handler_calls_total{handler=\"seven\",outcome=\"ok\"}", 7.0)
                .containsEntry("mh_handler_duration_seconds_count{handler=\"seven\"}", 7.0);
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        HttpResponse<String> res = http.get("/observe/metrics", "Authorization", KEY, "Accept", "application/json");
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode seven = new ObjectMapper().readTree(res.body()).at("/message/handlers/seven");
        assertThat(seven.at("/outcomes/ok").asLong()).isEqualTo(7);
        assertThat(seven.at("/duration/count").asLong()).isEqualTo(7);
        assertThat(seven.at("/replicas").asInt()).isEqualTo(2);
        JsonNode failing = new ObjectMapper().readTree(res.body()).at("/message/handlers/failing");
        assertThat(failing.at("/outcomes/error").asLong()).isEqualTo(2);
        assertThat(failing.at("/failures").asLong()).isEqualTo(2);
    }

    @Test
    void theKeyIsRequired() throws Exception {
        assertThat(http.get("/observe/metrics").statusCode()).isEqualTo(401);
        assertThat(http.get("/observe/metrics", "Accept", "application/json").statusCode()).isEqualTo(401);
    }

    /** Every sample line of a text exposition, by series. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    static String executable(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
