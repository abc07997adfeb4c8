package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import io.managerhandlers.testing.TimeBounds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the HTTP front, a few seconds per run with fresh random inputs (jqwik keeps a
 * failing seed under target/ and tries it first next time): the JSON envelope of any body, valid JSON
 * mutated at random or bytes at random, and the routing of any path spelling.
 */
class FrontFuzzTest {
    record Order(String id, int quantity, Optional<String> note) {
    }

    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    /** Every request is answered, or its connection closed, within the read timeout (the margin is for load). */
    static final Duration DEADLINE = TimeBounds.bound(READ_TIMEOUT);
    static final ObjectMapper PLAIN = new ObjectMapper();
    static Manager manager;

    @BeforeContainer
    static void start() {
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .maxJsonBytes(4096)
                .readTimeout(READ_TIMEOUT)
                .handler("orders", 4, Order.class, Order.class, m -> (order, call) -> order)
                .handler("echo", 4, m -> (data, call) -> data)
                .build()
                .start();
    }

    @AfterContainer
    static void stop() {
        manager.stop();
    }

    // ---- the JSON envelope ----

    @Property(tries = 700)
    void anyBodyIsAnsweredInTheEnvelopeWith200Or4xx(@ForAll("bodies") byte[] body) throws Exception {
        Answer answer = RawHttp.exchange(manager.port(), request("POST", "/orders", body, true), DEADLINE, false);
        assertThat(answer.status()).as("%s", answer).isIn(200, 400, 413);
        JsonNode envelope = PLAIN.readTree(answer.body());
        assertThat(envelope.size()).isEqualTo(2);
        if (answer.status() == 200) {
            assertThat(envelope.get("status").asText()).isEqualTo("Ok");
            // What the handler got and answered is what was sent: the same record, read strictly.
            JsonNode sent = PLAIN.readTree(body);
            JsonNode message = envelope.get("message");
            assertThat(message.get("id")).isEqualTo(sent.get("id"));
            assertThat(message.get("quantity")).isEqualTo(sent.get("quantity"));
            assertThat(sent.get("id").isTextual()).isTrue();
            assertThat(sent.get("quantity").isInt()).isTrue();
        } else {
            assertThat(envelope.get("status").asText()).isEqualTo("Error");
            assertThat(envelope.get("message").asText()).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("io.managerhandlers").doesNotContain("com.fasterxml");
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn \\/u\tidquantyoe")
                .ofMaxLength(80).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> edited = mutated();
        return Arbitraries.frequencyOf(List.of(Tuple.of(6, edited), Tuple.of(2, jsonish), Tuple.of(1, noise),
                Tuple.of(1, text)));
    }

    /** A valid order, then up to four random edits: insert, delete, replace or duplicate. */
    Arbitrary<byte[]> mutated() {
        Arbitrary<String> valid = Combinators.combine(Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.integers(), Arbitraries.strings().ofMaxLength(8).injectNull(0.5))
                .as((id, quantity, note) -> "{\"id\":" + quote(id) + ",\"quantity\":" + quantity
                        + (note == null ? "" : ",\"note\":" + quote(note)) + "}");
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 255))
                .as((kind, where, what) -> new int[] {kind, where, what}).list().ofMaxSize(4);
        return Combinators.combine(valid, edits).as(FrontFuzzTest::edit);
    }

    static byte[] edit(String json, List<int[]> edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        for (int[] e : edits) {
            if (bytes.length == 0) {
                break;
            }
            int at = e[1] % bytes.length;
            byte b = (byte) e[2];
            bytes = switch (e[0]) {
                case 0 -> splice(bytes, at, 0, new byte[] {b});
                case 1 -> splice(bytes, at, 1, new byte[0]);
                case 2 -> splice(bytes, at, 1, new byte[] {b});
                default -> splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 6)));
            };
        }
        return bytes;
    }

    static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    static String quote(String text) {
        try {
            return PLAIN.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the path handling ----

    @Property(tries = 500)
    void onlyTheExactPathReachesTheHandlerAndNothingIs5xx(@ForAll("paths") String path) throws Exception {
        Answer answer = RawHttp.exchange(manager.port(), request("POST", path, "abc".getBytes(), true), DEADLINE, false);
        assertThat(answer.answered()).as("%s -> %s", path, answer).isTrue();
        assertThat(answer.status()).as("%s -> %s", path, answer).isIn(200, 400, 401, 404, 405, 414);
        if (answer.status() == 200) {
            String raw = path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
            assertThat(raw).as("the path that reached the handler").isEqualTo("/echo");
            assertThat(answer.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"abc\"}");
        }
        Answer anonymous = RawHttp.exchange(manager.port(), request("POST", path, "abc".getBytes(), false), DEADLINE, false);
        assertThat(anonymous.status()).as("without the key: %s -> %s", path, anonymous).isIn(400, 401, 414);
    }

    /** Path pieces; not "shutdown": {@code POST /shutdown} with the key rightly stops the manager under test. */
    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> pieces = Arbitraries.of("/", "//", ".", "..", "%", "%2e", "%2E", "%2f", "%2F", "%5c", "%00",
                "%65", "%zz", ";", ";a=b", "?", "?x=1", "#", "e", "c", "h", "o", "echo", "ECHO", "orders", "shut",
                "observe", "health", "stream", "upload", "\\", " ", "\t", "\u00e9", "\u2028", "x", "%c0%af", "*", "&");
        Arbitrary<String> rooted = pieces.list().ofMinSize(1).ofMaxSize(8).map(list -> "/" + String.join("", list));
        Arbitrary<String> nearEcho = pieces.list().ofMinSize(1).ofMaxSize(6).map(list -> "/echo" + String.join("", list));
        Arbitrary<String> anything = pieces.list().ofMinSize(1).ofMaxSize(6).map(list -> String.join("", list));
        return Arbitraries.frequencyOf(List.of(Tuple.of(5, rooted), Tuple.of(2, nearEcho), Tuple.of(1, anything),
                Tuple.of(1, Arbitraries.just("/echo"))));
    }

    static byte[] request(String method, String target, byte[] body, boolean key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + (key ? "Authorization: Bearer secret\r\n" : "")
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
