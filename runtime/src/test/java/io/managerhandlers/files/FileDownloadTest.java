package io.managerhandlers.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.FileContent;
import io.managerhandlers.Manager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file download over plain HTTP (sent with {@code sendfile} after its first block) to clients that read
 * slower than the server writes: every byte arrives, in order, and the connection serves its next request;
 * a client that leaves, or stops reading until the shutdown, ends its download.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileDownloadTest {
    private static final int SIZE = 24 << 20;

    @TempDir
    static Path dir;
    static Path file;
    static String sha256;
    static Manager manager;

    @BeforeAll
    static void start() throws Exception {
        byte[] bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        file = dir.resolve("big.bin");
        Files.write(file, bytes);
        sha256 = sha256(bytes, 0, bytes.length);
        // One replica: a download left stuck by a client that went away would hold up the next one.
        manager = Manager.builder().port(0).host("127.0.0.1")
                .downloadHandler("down", 1, m -> (call, id) -> id.equals("big") ? FileContent.of(file) : null)
                .build().start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void aClientWithATinyWindowGetsEveryByteTwiceOnOneConnection() throws Exception {
        try (Socket socket = tinyWindow()) {
            for (int i = 0; i < 2; i++) {
                request(socket, "GET", "");
                assertThat(readAnswer(socket.getInputStream())).isEqualTo(sha256);
            }
            request(socket, "POST", "Content-Length: 0\r\n");
            assertThat(readAnswer(socket.getInputStream())).isEqualTo(sha256);
        }
    }

    @Test
    void aClientLeavingMidDownloadLeavesTheHandlerFreeForTheNext() throws Exception {
        try (Socket leaving = tinyWindow()) {
            request(leaving, "GET", "");
            leaving.getInputStream().readNBytes(1 << 20);
        }
        try (Socket next = tinyWindow()) {
            request(next, "GET", "Connection: close\r\n");
            assertThat(readAnswer(next.getInputStream())).isEqualTo(sha256);
            assertThat(next.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aDownloadToAClientThatStopsReadingIsCutByTheShutdown() throws Exception {
        Manager stopping = Manager.builder().port(0).host("127.0.0.1").shutdownTimeout(Duration.ofSeconds(1))
                .downloadHandler("down", 1, m -> (call, id) -> FileContent.of(file))
                .build().start();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", stopping.port()));
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET /stream/download/big HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the answer began").isNotNegative();
            // The client reads no more: the server's socket fills and the download waits for room, until the
            // shutdown's deadline cuts the connection.
            stopping.stop();
            long received = 1;
            try {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The connection was still open a minute after the shutdown", e);
            } catch (IOException reset) {
                // cut with a reset: as good as an end
            }
            assertThat(received).as("bytes before the cut").isLessThan(SIZE);
        } finally {
            stopping.stop();
        }
    }

    /** A client whose receive buffer is 4 KiB, so the server's socket fills long before the file is sent. */
    private static Socket tinyWindow() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", manager.port()));
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static void request(Socket socket, String method, String headers) throws IOException {
        socket.getOutputStream().write((method + " /stream/download/big HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one answer's head and its Content-Length bytes, in small reads; the body's SHA-256. */
    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the head so far: %s", head).isNotNegative();
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: " + SIZE + "\r\n");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[3000];
        long left = SIZE;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            assertThat(n).as("bytes missing: %d", left).isPositive();
            digest.update(buffer, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes, int from, int length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, length);
        return HexFormat.of().formatHex(digest.digest());
    }
}
