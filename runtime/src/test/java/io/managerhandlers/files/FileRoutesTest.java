package io.managerhandlers.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.managerhandlers.FileContent;
import io.managerhandlers.Manager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file routes and the built-in store, in process: status codes, limits and hostile names and ids. */
class FileRoutesTest {
    private static final String KEY = "Bearer secret";
    private static final long LIMIT = 4L << 20;
    private static final String SECRET = "the secret beside the store";

    @TempDir
    static Path parent;
    static Path store;
    static Manager manager;
    static FileClient files;

    @BeforeAll
    static void start() throws IOException {
        store = parent.resolve("store");
        Files.writeString(parent.resolve("secret.txt"), SECRET);
        Files.createDirectories(parent.resolve("neighbour"));
        Files.writeString(parent.resolve("neighbour").resolve("escape"), SECRET);
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .maxUploadBytes(LIMIT)
                .fileStore(store)
                .build()
                .start();
        files = new FileClient(manager.port(), KEY);
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void aSmallFileRoundTripsWithGetAndPost() throws Exception {
        HttpResponse<String> upload = files.upload("notes.txt",
                () -> new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5, "5");
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).matches("\\{\"status\":\"Ok\",\"message\":\"[0-9a-f]{32}\"}");
        String id = FileClient.id(upload);
        for (String method : List.of("GET", "POST")) {
            FileClient.Download download = files.download(id, method);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("hello");
            assertThat(download.contentLength()).hasValue(5);
            assertThat(download.response().headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt");
            HttpResponse<String> metadata = files.metadata(id, method);
            assertThat(metadata.statusCode()).isEqualTo(200);
            JsonNode message = FileClient.JSON.readTree(metadata.body()).get("message");
            assertThat(message.get("name").asText()).isEqualTo("notes.txt");
            assertThat(message.get("size").asLong()).isEqualTo(5);
            assertThat(message.get("sha256").asText())
                    .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        }
    }

    @Test
    void anEmptyFileIsAFileToo() throws Exception {
        String id = FileClient.id(files.upload("empty", InputStream::nullInputStream, 0, "0"));
        FileClient.Download download = files.download(id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentLength()).hasValue(0);
        assertThat(download.bytes()).isZero();
    }

    @Test
    void approximateSizeIsRequiredAndMustBeANonNegativeNumber() throws Exception {
        for (String value : new String[] {null, "", "-1", "ten", "1.5", "99999999999999999999"}) {
            HttpResponse<String> res = files.upload("a.txt", () -> new ByteArrayInputStream(new byte[10]), 10,
                    value);
            assertThat(res.statusCode()).as(value).isEqualTo(400);
            assertThat(res.body()).as(value).startsWith("{\"status\":\"Error\",\"message\":\"")
                    .contains("Approximate-Size");
        }
        assertNothingStored();
    }

    @Test
    void tooLargeUpFrontIs413() throws Exception {
        HttpResponse<String> announced = files.upload("a.txt", () -> new ByteArrayInputStream(new byte[10]), 10,
                Long.toString(LIMIT + 1));
        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(announced.body()).startsWith("{\"status\":\"Error\",\"message\":\"Payload too large");
        FileClient.Raw declared = files.raw("POST", "/stream/upload/a.txt",
                "Approximate-Size: 1\r\nContent-Length: " + (LIMIT + 1) + "\r\n", new byte[0]);
        assertThat(declared.status()).isEqualTo(413);
        assertNothingStored();
    }

    @Test
    void aChunkedBodyPastTheLimitIsCutWith413AndLeavesNothing() throws Exception {
        List<Path> before = snapshot();
        int status;
        try {
            status = files.upload("big.bin", () -> new GeneratedStream(1, 3 * LIMIT), -1, "10").statusCode();
        } catch (IOException e) {
            // The server closed the connection while the client still sent: also a refusal.
            status = 413;
        }
        assertThat(status).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
        assertNothingStored();
        // Exactly the limit is fine.
        String id = FileClient.id(files.upload("limit.bin", 2, LIMIT, false));
        assertThat(files.download(id).bytes()).isEqualTo(LIMIT);
    }

    /** A refused body is never read as the next request on the connection (request smuggling). */
    @Test
    void aRefusedBodyIsNeverTakenForTheNextRequest() throws Exception {
        String inner = "GET /observe/health HTTP/1.1\r\nHost: x\r\n\r\n";
        String chunked = Integer.toHexString(inner.length()) + "\r\n" + inner + "\r\n0\r\n\r\n";
        for (String request : List.of(
                "POST /stream/upload/a HTTP/1.1\r\nHost: x\r\nAuthorization: " + KEY + "\r\nApproximate-Size: "
                        + (LIMIT + 1) + "\r\nContent-Length: " + inner.length() + "\r\n\r\n" + inner,
                "POST /stream/upload/a HTTP/1.1\r\nHost: x\r\nAuthorization: " + KEY
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
                "POST /stream/upload/a%00 HTTP/1.1\r\nHost: x\r\nAuthorization: " + KEY
                        + "\r\nApproximate-Size: 1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", manager.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(request).startsWith("HTTP/1.1 4").doesNotContain("\"UP\"");
                assertThat(answer.split("HTTP/1.1 ", -1)).as(answer).hasSize(2);
            }
        }
    }

    @Test
    void unknownIdsAre404() throws Exception {
        for (String id : List.of("0".repeat(32), "nothing", "f".repeat(32))) {
            FileClient.Download download = files.download(id);
            assertThat(download.status()).as(id).isEqualTo(404);
            assertThat(download.body()).startsWith("{\"status\":\"Error\",\"message\":\"File not found");
            HttpResponse<String> metadata = files.metadata(id, "POST");
            assertThat(metadata.statusCode()).as(id).isEqualTo(404);
            assertThat(metadata.body()).startsWith("{\"status\":\"Error\"");
        }
        assertThat(files.send("GET", "/stream/download/").statusCode()).isEqualTo(404);
        assertThat(files.send("GET", "/stream/elsewhere/x").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodsAre405() throws Exception {
        HttpResponse<String> get = files.send("GET", "/stream/upload/a.txt");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(files.send("DELETE", "/stream/download/" + "0".repeat(32)).statusCode()).isEqualTo(405);
    }

    @Test
    void everyFileRouteNeedsTheKey() throws Exception {
        String id = FileClient.id(files.upload("keyed.txt", 3, 100, true));
        for (String authorization : new String[] {null, "Bearer wrong"}) {
            FileClient stranger = files.withAuthorization(authorization);
            HttpResponse<String> upload = stranger.upload("x.txt", 4, 100, true);
            assertThat(upload.statusCode()).isEqualTo(401);
            assertThat(upload.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Unauthorized\"}");
            assertThat(stranger.download(id).status()).isEqualTo(401);
            assertThat(stranger.metadata(id).statusCode()).isEqualTo(401);
        }
    }

    /** Names that would escape the store if they were ever used as paths; none is. */
    @Test
    void hostileNamesAreStoredAsTextOrRefusedAndNeverTouchAPath() throws Exception {
        List<Path> before = snapshotOutsideStore();
        String longName = "a".repeat(300);
        List<String> segments = List.of("..%2F..%2Fescape", "..%2F..%2Fsecret.txt", "%2e%2e%2f%2e%2e%2fescape",
                "%2E%2E", "..", ".", "%2e", "%2Fetc%2Fpasswd", "%2F" + parent.toString().replace("/", "%2F")
                        + "%2Fneighbour%2Fplanted", "..%5C..%5Cescape", "C:%5Cwindows%5Cescape",
                "a%00b", "%00", "%c0%ae%c0%ae%2fescape", "%e0%80%ae%e0%80%ae", "%ed%a0%80", "%ff",
                "a%0d%0aX-Injected:%201", "tab%09name", "del%7f", "%c2%85nel", longName,
                "%e2%80%ae" + "txt.exe", "..%2Fneighbour%2Fescape", "files%2F..%2F..%2Fescape", "%25",
                "%2e%2e%5c%2e%2e%5cescape");
        for (String segment : segments) {
            HttpResponse<String> res = files.upload(segment, 9, 1000, true);
            assertThat(res.statusCode()).as(segment).isIn(200, 400, 404);
            if (res.statusCode() == 200) {
                String id = FileClient.id(res);
                FileClient.Download download = files.download(id);
                assertThat(download.sha256()).isEqualTo(GeneratedStream.sha256(9, 1000));
                String name = FileClient.JSON.readTree(files.metadata(id).body()).at("/message/name").asText();
                assertThat(name).as(segment).isEqualTo(java.net.URLDecoder.decode(
                        segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            } else {
                assertThat(res.body()).as(segment).startsWith("{\"status\":\"Error\",\"message\":\"");
            }
        }
        // What no URI may carry, sent raw.
        for (String target : List.of("/stream/upload/..\\..\\escape", "/stream/upload/../../escape",
                "/stream/upload/%2e%2e/%2e%2e/escape", "/stream/upload//etc/passwd", "/stream/upload/a b",
                "/stream/upload/\u00e9t\u00e9", "/stream/upload/%zz", "/stream/upload/%", "/stream/upload/a%2")) {
            FileClient.Raw res = files.raw("POST", target, "Approximate-Size: 3\r\n", "abc".getBytes());
            assertThat(res.status()).as(target).isIn(-1, 200, 400, 404);
        }
        assertThat(snapshotOutsideStore()).isEqualTo(before);
        assertThat(Files.readString(parent.resolve("secret.txt"))).isEqualTo(SECRET);
        assertOnlyIdsStored();
        // The refusals, by rule.
        assertThat(files.upload("a%00b", 9, 10, true).statusCode()).isEqualTo(400);
        assertThat(files.upload("a%0d%0ab", 9, 10, true).statusCode()).isEqualTo(400);
        assertThat(files.upload(longName, 9, 10, true).statusCode()).isEqualTo(400);
        assertThat(files.upload("a".repeat(255), 9, 10, true).statusCode()).isEqualTo(200);
        assertThat(files.upload("%c0%ae%c0%ae", 9, 10, true).statusCode()).isEqualTo(400);
        assertThat(files.upload("..%2F..%2Fescape", 9, 10, true).statusCode()).isEqualTo(200);
    }

    /** Ids that would read outside the store if they were ever used as paths; none is. */
    @Test
    void hostileIdsReadNothing() throws Exception {
        String id = FileClient.id(files.upload("real.txt", 5, 100, true));
        List<String> segments = List.of("..%2Fsecret.txt", "..%2F..%2Fsecret.txt", "%2e%2e%2fsecret.txt",
                "%2e%2e%2f%2e%2e%2fsecret.txt", "..%5Csecret.txt", "..%5C..%5Csecret.txt",
                "%2F" + parent.resolve("secret.txt").toString().substring(1).replace("/", "%2F"),
                "secret.txt", "files%2F..%2F..%2Fsecret.txt", "%00", id + "%00", id + ".json", id + "%2F",
                id.toUpperCase(), "..", ".", "%2e%2e", "%c0%ae%c0%ae%2fsecret.txt", "tmp", "files", "%2e",
                "a".repeat(300), id + "%2F..%2F..%2F..%2Fsecret.txt", "..%2Fneighbour%2Fescape", "%ff");
        for (String segment : segments) {
            for (String method : List.of("GET", "POST")) {
                FileClient.Download download = files.download(segment, method);
                assertThat(download.status()).as(segment).isIn(400, 404);
                assertThat(download.body()).as(segment).doesNotContain(SECRET).startsWith("{\"status\":\"Error\"");
                HttpResponse<String> metadata = files.metadata(segment, method);
                assertThat(metadata.statusCode()).as(segment).isIn(400, 404);
                assertThat(metadata.body()).as(segment).doesNotContain(SECRET);
            }
        }
        for (String target : List.of("/stream/download/..\\secret.txt", "/stream/download/../secret.txt",
                "/stream/download/../../secret.txt", "/stream/metadata/../../secret.txt",
                "/stream/download/%2e%2e/secret.txt", "/stream/download/" + id + "/../../secret.txt",
                "/stream/download//" + parent.resolve("secret.txt"), "/stream/download/%zz",
                "/stream/download/%")) {
            FileClient.Raw res = files.raw("GET", target, "", new byte[0]);
            assertThat(res.status()).as(target).isIn(-1, 400, 404);
            assertThat(res.body()).as(target).doesNotContain(SECRET);
        }
        assertThat(files.download(id).status()).isEqualTo(200);
    }

    @Test
    void uploadsCountAgainstTheUploadReplicas() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Manager one = Manager.builder().port(0).host("127.0.0.1").requestTimeout(Duration.ofMillis(500))
                .uploadHandler("slow-upload", 1, m -> (call, body, name, size) -> {
                    inside.countDown();
                    release.await();
                    return "id-" + body.readAllBytes().length;
                })
                .build().start();
        try {
            FileClient client = new FileClient(one.port(), null);
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.upload("a", 1, 100, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = client.upload("b", 1, 100, true);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"id-100\"}");
            // Without the built-in store, routes with no handler are 404.
            assertThat(client.download("x").status()).isEqualTo(404);
        } finally {
            release.countDown();
            one.stop();
        }
    }

    @Test
    void userHandlersGetTheLimitDiskFullAndStreamsRight() throws Exception {
        AtomicBoolean swallowed = new AtomicBoolean();
        Manager custom = Manager.builder().port(0).host("127.0.0.1").maxUploadBytes(1000)
                .uploadHandler("up", 2, m -> (call, body, name, size) -> {
                    if (name.equals("full")) {
                        body.readNBytes(10);
                        throw new IOException("No space left on device");
                    }
                    try {
                        body.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        swallowed.set(true);
                    }
                    return "kept";
                })
                .downloadHandler("down", 1, m -> (call, id) -> switch (id) {
                    case "chunked" -> FileContent.of(new ByteArrayInputStream(new byte[70_000]), -1);
                    case "sized" -> FileContent.of(new ByteArrayInputStream(new byte[70_000]), 70_000)
                            .withContentType("text/plain").withFileName("r\u00e9sum\u00e9 \"1\".txt");
                    case "missing-file" -> FileContent.of(Path.of("/nonexistent/for/sure"));
                    default -> null;
                })
                .metadataHandler("meta", 1, m -> (call, id) -> id.equals("known") ? List.of(1, 2) : null)
                .build().start();
        try {
            FileClient client = new FileClient(custom.port(), null);
            int status;
            try {
                status = client.upload("big", () -> new GeneratedStream(1, 5000), -1, "10").statusCode();
            } catch (IOException e) {
                status = 413;
            }
            assertThat(status).isEqualTo(413);
            assertThat(swallowed).isTrue();
            HttpResponse<String> full = client.upload("full", 1, 100, true);
            assertThat(full.statusCode()).isEqualTo(507);
            assertThat(full.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Insufficient storage: the disk is full\"}");
            FileClient.Download chunked = client.download("chunked");
            assertThat(chunked.bytes()).isEqualTo(70_000);
            assertThat(chunked.contentLength()).isEmpty();
            FileClient.Download sized = client.download("sized");
            assertThat(sized.contentLength()).hasValue(70_000);
            assertThat(sized.response().headers().firstValue("Content-Type")).contains("text/plain");
            assertThat(sized.response().headers().firstValue("Content-Disposition")).contains(
                    "attachment; filename=\"r_sum_ _1_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.txt");
            assertThat(client.download("missing-file").status()).isEqualTo(404);
            assertThat(client.download("other").status()).isEqualTo(404);
            assertThat(client.metadata("known").body()).isEqualTo("{\"status\":\"Ok\",\"message\":[1,2]}");
            assertThat(client.metadata("unknown").statusCode()).isEqualTo(404);
        } finally {
            custom.stop();
        }
    }

    private static void assertNothingStored() throws IOException {
        assertThat(FileStreamingTest.list(store.resolve("tmp"))).isEmpty();
    }

    private static void assertOnlyIdsStored() throws IOException {
        assertThat(FileStreamingTest.list(store.resolve("tmp"))).isEmpty();
        for (Path file : FileStreamingTest.list(store.resolve("files"))) {
            assertThat(file.getFileName().toString()).matches("[0-9a-f]{32}(\\.json)?");
        }
        try (Stream<Path> all = Files.walk(store)) {
            assertThat(all.filter(p -> !p.equals(store)).map(p -> store.relativize(p).toString()))
                    .allMatch(p -> p.equals("files") || p.equals("tmp") || p.matches("files/[0-9a-f]{32}(\\.json)?"));
        }
    }

    /** Everything under the parent directory but the store, recursively, with sizes. */
    private static List<Path> snapshotOutsideStore() throws IOException {
        try (Stream<Path> all = Files.walk(parent)) {
            return all.filter(p -> !p.startsWith(store)).sorted().toList();
        }
    }

    private static List<Path> snapshot() throws IOException {
        try (Stream<Path> all = Files.walk(parent)) {
            return all.filter(p -> !p.startsWith(store.resolve("files"))).sorted().toList();
        }
    }
}
