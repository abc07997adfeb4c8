package com.acme.billing;

import io.managerhandlers.testing.HttpClientSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.managerhandlers.Manager;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /openapi}: the processor's document of this service, as served; {@code /openapi/ui} in a browser. */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Manager manager;
    static HttpClientSupport http;
    static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        manager = ManagerBootstrap.manager().host("127.0.0.1").port(0).apiKey("it-key")
                .fileStore(dir.resolve("store")).build().start();
        http = new HttpClientSupport(manager.port(), BillingHttpTest.KEY);
        HttpResponse<String> res = http.send("GET", "/openapi", null, BillingHttpTest.KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        document = JSON.readTree(res.body());
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    private static JsonNode schema(String name) {
        return document.at("/components/schemas/" + name);
    }

    private static JsonNode message(String handler) {
        return document.at("/paths/~1" + handler + "/post/responses/200/content/application~1json/schema/properties/message");
    }

    private static JsonNode input(String handler) {
        return document.at("/paths/~1" + handler + "/post/requestBody/content/application~1json/schema");
    }

    @Test
    void theDocumentNeedsTheKey() throws Exception {
        assertThat(http.send("GET", "/openapi", null, null).statusCode()).isEqualTo(401);
        assertThat(http.send("GET", "/openapi", null, "Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void recordsSayTheirComponentsTypesFormatsAndWhichAreRequired() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(input("price-order").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/OrderRequest\"}");
        assertThat(message("price-order").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/OrderSummary\"}");
        JsonNode request = schema("OrderRequest");
        assertThat(request.get("required").toString())
                .isEqualTo("[\"customer\",\"lines\",\"grade\",\"deliverOn\",\"reserved\"]");
        assertThat(request.get("properties").toString()).isEqualTo("{"
                + "\"customer\":{\"type\":\"string\"},"
                + "\"lines\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Line\"}},"
                + "\"coupon\":{\"type\":[\"string\",\"null\"]},"
                + "\"grade\":{\"$ref\":\"#/components/schemas/Grade\"},"
                + "\"deliverOn\":{\"type\":\"string\",\"format\":\"date\"},"
                + "\"reserved\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}}");
        assertThat(schema("OrderSummary").at("/properties/pricedAt").toString())
                .isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schema("Price").get("properties").toString()).isEqualTo(
                "{\"amount\":{\"type\":\"number\",\"format\":\"decimal\"},\"currency\":{\"type\":\"string\"}}");
        assertThat(schema("Line").get("properties").toString()).isEqualTo("{\"sku\":{\"type\":\"string\"},"
                + "\"quantity\":{\"type\":\"integer\",\"format\":\"int32\"},"
                + "\"unitPrice\":{\"$ref\":\"#/components/schemas/Price\"}}");
        assertThat(schema("Grade").toString()).startsWith("{\"type\":\"string\",\"enum\":[\"STANDARD\",\"PREMIUM\"]");
    }

    @Test
    void genericTypesAreResolvedAndStringsAreText() {
        assertThat(input("word-counts").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(message("word-counts").toString()).isEqualTo(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int64\"}}");
        assertThat(document.at("/paths/~1currency/post/requestBody/content").toString())
                .isEqualTo("{\"text/plain\":{\"schema\":{\"type\":\"string\"}}}");
        assertThat(message("tax-rate").toString()).isEqualTo("{\"type\":\"number\",\"format\":\"double\"}");
    }

    @Test
    void theJavadocIsTheDescriptionAndErrorsHaveTheirEnvelope() {
        JsonNode post = document.at("/paths/~1price-order/post");
        assertThat(post.get("summary").asText())
                .isEqualTo("Prices an order: the sum of its lines, less 10% for a PREMIUM customer.");
        assertThat(post.get("description").asText()).isEqualTo("Prices an order: the sum of its lines, less 10% for"
                + " a PREMIUM customer.\n\nAll lines must be in one currency.");
        List<String> statuses = new ArrayList<>();
        post.get("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).containsExactly("200", "400", "401", "404", "413", "500", "503", "504");
        assertThat(document.at("/components/schemas/Error/properties/status/const").asText()).isEqualTo("Error");
        assertThat(document.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0/apiKey").isArray()).isTrue();
    }

    @Test
    void theRuntimesEnvelopesAndSchemeAreTheProcessors() throws IOException {
        JsonNode generated = JSON.readTree(OpenApiTest.class.getClassLoader()
                .getResource("META-INF/manager-handlers/openapi.json"));
        for (String part : List.of("/components/responses", "/components/schemas/Error",
                "/components/securitySchemes", "/security")) {
            assertThat(document.at(part)).as(part).isEqualTo(generated.at(part));
        }
    }

    @Test
    void theFileRoutesAreThereWhenServed() {
        assertThat(document.get("paths").has("/stream/upload/{file_name}")).isTrue();
        assertThat(document.get("paths").has("/stream/download/{file_id}")).isTrue();
        assertThat(document.get("paths").has("/stream/metadata/{file_id}")).isTrue();
    }

    @Test
    void theServedDocumentIsValidOpenApi31ForSwaggerParser() throws Exception {
        Path node = Path.of("../processor/src/test/node").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(node.resolve("node_modules/@apidevtools/swagger-parser")),
                "swagger-parser is not installed: run `npm ci --prefix processor/src/test/node`");
        Path file = Files.writeString(dir.resolve("openapi.json"), JSON.writeValueAsString(document));
        Process validate = new ProcessBuilder("node", "validate.js", file.toString()).directory(node.toFile())
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("valid ");
        assertThat(validate.exitValue()).as(output).isZero();
    }

    @Test
    void theUiPageNeedsNoKeyAndServesSwaggerUiFromItsJar() throws Exception {
        HttpResponse<String> page = http.send("GET", "/openapi/ui", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("ui/swagger-ui-bundle.js").doesNotContain("https://");
        HttpResponse<String> bundle = http.send("GET", "/openapi/ui/swagger-ui-bundle.js", null, null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(http.send("GET", "/openapi/ui/..%2Fopenapi.json", null, null).statusCode()).isEqualTo(404);
        assertThat(http.send("GET", "/openapi/ui/index.html", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void headlessChromiumListsTheHandlers() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed");
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                "--dump-dom", "http://127.0.0.1:" + manager.port() + "/openapi/ui#key=it-key")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).isTrue();
        for (String handler : List.of("/price-order", "/word-counts", "/currency", "/explode", "/stream/upload/")) {
            assertThat(dom).as("the page lists " + handler).contains(handler);
        }
        assertThat(dom).contains("Prices an order");
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}
