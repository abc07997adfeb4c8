package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.FileContent;
import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or unlucky client tried (issue 19), over raw sockets: HEAD answered without a body on a
 * connection that stays usable, chunk data not followed by CRLF, an upload cut short, a header block over
 * the limit, and a file name that would spoof its extension with a bidirectional override.
 */
class HostileClientTest {
    static final String KEY = "hostile-key";
    static final String AUTH = "Authorization: Bearer " + KEY + "\r\n";
    static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static Manager manager;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        Logger.getLogger("").addHandler(CAPTURE);
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey(KEY)
                .fileStore(dir.resolve("store"))
                .handler("greet", 2, m -> (name, call) -> "Hello, " + name + "!")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void headIsAnsweredWithoutABodyAndTheNextRequestOnTheConnectionIsServed() throws Exception {
        assertHeadThenNext("HEAD /greet HTTP/1.1\r\nHost: t\r\n\r\n", 401);
        assertHeadThenNext("HEAD /nobody HTTP/1.1\r\nHost: t\r\n" + AUTH + "\r\n", 404);
        assertHeadThenNext("HEAD /greet HTTP/1.1\r\nHost: t\r\n" + AUTH + "\r\n", 405);
        assertHeadThenNext("HEAD /stream/download/0123 HTTP/1.1\r\nHost: t\r\n" + AUTH + "\r\n", 405);
        assertHeadThenNext("HEAD /observe/health HTTP/1.1\r\nHost: t\r\n\r\n", 200);
        assertHeadThenNext("HEAD /observe/metrics HTTP/1.1\r\nHost: t\r\n" + AUTH + "\r\n", 200);
    }

    /** Sends the HEAD request and a GET of health in one write; the first answer is a head only. */
    static void assertHeadThenNext(String head, int status) throws IOException {
        String next = "GET /observe/health HTTP/1.1\r\nHost: t\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", manager.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write((head + next).getBytes(StandardCharsets.US_ASCII));
            String text = readUntil(socket.getInputStream(), "{\"status\":\"UP\"}");
            int firstEnd = text.indexOf("\r\n\r\n");
            assertThat(text).as(head).startsWith("HTTP/1.1 " + status + " ");
            String rest = text.substring(firstEnd + 4);
            assertThat(rest).as("what follows the head of the answer to " + head.lines().findFirst().get())
                    .startsWith("HTTP/1.1 200 ");
            assertThat(rest).endsWith("\r\n\r\n{\"status\":\"UP\"}");
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!bytes.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no whole second answer: " + bytes.toString(StandardCharsets.UTF_8));
            }
            if (n < 0) {
                throw new AssertionError("closed before the second answer: " + bytes.toString(StandardCharsets.UTF_8));
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void chunkDataNotFollowedByCrlfIs400AndClosed() throws Exception {
        Answer answer = RawHttp.exchange(manager.port(), "POST /greet HTTP/1.1\r\nHost: t\r\n" + AUTH
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nAdaXY1\r\nB\r\n0\r\n\r\n", Duration.ofSeconds(20));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).contains("malformed chunked");
        assertThat(answer.closed()).isTrue();
        // Well-framed, the same body is served.
        Answer good = RawHttp.exchange(manager.port(), "POST /greet HTTP/1.1\r\nHost: t\r\n" + AUTH
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nAda\r\n1\r\nB\r\n0\r\n\r\n",
                Duration.ofSeconds(20));
        assertThat(good.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"Hello, AdaB!\"}");
    }

    @Test
    void anUploadCutShortIs400WithOneLineLoggedAndNothingKept() throws Exception {
        LOGGED.clear();
        byte[] request = ("POST /stream/upload/cut.bin HTTP/1.1\r\nHost: t\r\n" + AUTH
                + "Approximate-Size: 100\r\nContent-Length: 100\r\n\r\n" + "x".repeat(50))
                .getBytes(StandardCharsets.US_ASCII);
        Answer answer = RawHttp.exchange(manager.port(), request, Duration.ofSeconds(20), true);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).contains("ended before its declared length");
        try (var left = Files.list(dir.resolve("store").resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
        try (var kept = Files.list(dir.resolve("store").resolve("files"))) {
            assertThat(kept).isEmpty();
        }
        assertThat(LOGGED).as("log records with a stack trace").noneMatch(record -> record.getThrown() != null);
        assertThat(LOGGED.stream().filter(record -> record.getMessage() != null
                && record.getMessage().contains("ended before its declared length"))).hasSize(1);
    }

    @Test
    void aHeaderBlockOver16KiBIs431() throws Exception {
        Answer answer = RawHttp.exchange(manager.port(), "GET /observe/health HTTP/1.1\r\nHost: t\r\nX-Big: "
                + "b".repeat(17 * 1024) + "\r\n\r\n", Duration.ofSeconds(20));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(431);
        assertThat(answer.body()).startsWith("{\"status\":\"Error\",\"message\":\"Request header fields too large");
    }

    @Test
    void aFileNameWithABidiOverrideIsRefusedByTheStore() throws Exception {
        for (String control : List.of("%E2%80%AE", "%E2%80%AA", "%E2%81%A6", "%E2%81%A9")) {
            Answer answer = RawHttp.exchange(manager.port(), "POST /stream/upload/" + control + "gpj.exe HTTP/1.1\r\n"
                    + "Host: t\r\n" + AUTH + "Approximate-Size: 3\r\nContent-Length: 3\r\n\r\nabc",
                    Duration.ofSeconds(20));
            assertThat(answer.status()).as(control + ": " + answer).isEqualTo(400);
            assertThat(answer.body()).contains("bidirectional");
        }
    }

    @Test
    void aBidiOverrideFromADownloadHandlerNeverReachesContentDisposition() throws Exception {
        Manager spoofing = Manager.builder().port(0).host("127.0.0.1")
                .downloadHandler("download", 1, m -> (call, id) -> FileContent.of(
                        new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3).withFileName("\u202Egpj.exe"))
                .build().start();
        try {
            Answer answer = RawHttp.exchange(spoofing.port(), "GET /stream/download/x HTTP/1.1\r\nHost: t\r\n"
                    + "Connection: close\r\n\r\n", Duration.ofSeconds(20));
            assertThat(answer.status()).isEqualTo(200);
            String disposition = answer.header("Content-Disposition");
            assertThat(disposition).isEqualTo("attachment; filename=\"gpj.exe\"; filename*=UTF-8''gpj.exe");
        } finally {
            spoofing.stop();
        }
    }
}
