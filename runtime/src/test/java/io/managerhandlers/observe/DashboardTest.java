package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Manager;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /observe/dashboard}: served without the key, all from the jar; loaded by headless Chromium
 * with {@code #key=...} it shows every handler of the service with its numbers.
 */
class DashboardTest {
    @TempDir
    static Path store;
    @TempDir
    static Path profile;
    static Manager manager;
    static ObserveHttp http;

    @BeforeAll
    static void start() throws Exception {
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("s3cret")
                .fileStore(store)
                .handler("alpha-orders", 2, m -> (data, call) -> data)
                .handler("beta-stock", 1, m -> (data, call) -> {
                    throw new IllegalStateException("out of stock");
                })
                .handler("gamma-idle", 3, m -> (data, call) -> data)
                .build()
                .start();
        http = new ObserveHttp(manager.port());
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/alpha-orders", "x", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/beta-stock", "x", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(500);
        }
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void thePageAndItsAssetsNeedNoKeyAndComeFromTheJar() throws Exception {
        HttpResponse<String> page = http.get("/observe/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
        assertThat(page.body()).doesNotContain("http://", "https://").contains("dashboard/dashboard.js");
        for (String asset : List.of("/observe/dashboard/dashboard.js", "/observe/dashboard/dashboard.css")) {
            HttpResponse<String> res = http.get(asset);
            assertThat(res.statusCode()).as(asset).isEqualTo(200);
            assertThat(res.body()).as(asset).doesNotContain("https://", "//cdn");
        }
        assertThat(http.get("/observe/dashboard/other.js").statusCode()).isEqualTo(401);
        assertThat(http.post("/observe/dashboard", "").statusCode()).isEqualTo(405);
    }

    @Test
    void headlessChromiumWithTheKeyInTheFragmentShowsEveryHandler() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (Debian: chromium; .ci/run installs it)");
        String url = "http://127.0.0.1:" + manager.port() + "/observe/dashboard#key=s3cret";
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(dom).contains(">READY<");
        assertThat(row(dom, "alpha-orders")).as("the alpha-orders row").contains("<td class=\"n\">3</td>")
                .contains("/ 2");
        assertThat(row(dom, "beta-stock")).as("the beta-stock row").contains("<td class=\"n bad\">2</td>")
                .contains("/ 1");
        assertThat(row(dom, "gamma-idle")).as("the gamma-idle row").contains("<td class=\"n\">0</td>")
                .contains("0 / 3");
        // The file store's handlers are handlers of the service too.
        assertThat(dom).contains("<span class=\"kind\">upload</span>", "<span class=\"kind\">download</span>");
        assertThat(dom).containsPattern("<b>200</b>\\d+").containsPattern("<b>500</b>2<");
    }

    /** The table row of one handler. */
    private static String row(String dom, String handler) {
        Matcher row = Pattern.compile("<tr><td class=\"name\">" + Pattern.quote(handler) + "(?:<span.*?</span>)?</td>.*?</tr>")
                .matcher(dom);
        assertThat(row.find()).as("a row for %s in %s", handler, dom).isTrue();
        return row.group();
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            String found = PrometheusMetricsTest.executable(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
