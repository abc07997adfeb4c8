package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early answers reach a client that writes its whole body before it reads (as Python's http.client, the
 * JDK's HttpClient and most SDKs do): the server answers, then keeps reading and dropping the body until the
 * client is done (lingering close), instead of closing into a reset that would destroy the answer. Each kind
 * of early answer, 50 times, with a 64 MiB body over a raw socket.
 */
class EarlyAnswerTest {
    static final String KEY = "early-key";
    static final int RUNS = Integer.getInteger("earlyAnswer.runs", 50);
    static final long BODY = 64L << 20;
    static final byte[] BLOCK = new byte[1 << 20];
    static Manager manager;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        Arrays.fill(BLOCK, (byte) 'a');
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey(KEY)
                .fileStore(dir.resolve("store"))
                .handler("echo", 4, m -> (data, call) -> "never reached with a 64 MiB body")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void anUploadWithoutTheKeyIs401() throws Exception {
        everyTime(manager.port(), "POST /stream/upload/x.bin HTTP/1.1\r\nHost: t\r\nApproximate-Size: " + BODY
                + "\r\nContent-Length: " + BODY + "\r\n\r\n", 401, "Unauthorized");
    }

    @Test
    void aCallWithoutTheKeyIs401() throws Exception {
        everyTime(manager.port(), "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + BODY + "\r\n\r\n", 401,
                "Unauthorized");
    }

    @Test
    void aJsonBodyOverMaxJsonBytesIs413() throws Exception {
        everyTime(manager.port(), "POST /echo HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Length: " + BODY + "\r\n\r\n", 413, "Payload too large");
    }

    @Test
    void anUnknownHandlerIs404() throws Exception {
        everyTime(manager.port(), "POST /nobody HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Length: " + BODY + "\r\n\r\n", 404, "Handler not found: nobody");
    }

    /** A real full disk: a 16 MiB tmpfs (mounting needs root; skipped otherwise). */
    @Test
    void aFullDiskIs507() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
        try {
            Manager small = Manager.builder().port(0).host("127.0.0.1").apiKey(KEY)
                    .fileStore(mount.resolve("store")).build().start();
            try {
                // Announced small, so the body is taken, and fills the disk.
                everyTime(small.port(), "POST /stream/upload/big.bin HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                        + KEY + "\r\nApproximate-Size: 1000\r\nContent-Length: " + BODY + "\r\n\r\n", 507,
                        "Insufficient storage");
                try (var left = Files.list(mount.resolve("store").resolve("tmp"))) {
                    assertThat(left).isEmpty();
                }
            } finally {
                small.stop();
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /**
     * A client that sends a chunked body for ever after its refusal is cut off by the lingering bound (10 s
     * in all, plus at most a sweep of the guard; the test allows the 30 s, as the subject is a
     * timeout on a loaded machine), and gets its answer; others are served meanwhile.
     */
    @Test
    void aBodyThatNeverEndsIsCutAfterItsRefusalWhileOthersAreServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", manager.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.read(socket.getInputStream(), System.nanoTime(), Duration.ofSeconds(60));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] chunk = ("4000\r\n" + "b".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            long cutAfter = -1;
            int probes = 0;
            long nextProbe = start;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40)) {
                try {
                    out.write(chunk);
                    // Paced (3 MB/s), so that the time bound, not the byte bound, is what cuts it.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                } catch (IOException cut) {
                    cutAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    break;
                }
                if (System.nanoTime() >= nextProbe) {
                    Answer health = RawHttp.exchange(manager.port(),
                            "GET /observe/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                            Duration.ofSeconds(20));
                    assertThat(health.status()).as("a probe while the refused client sends").isEqualTo(200);
                    probes++;
                    nextProbe = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
            }
            assertThat(cutAfter).as("ms until the refused client was cut off").isBetween(0L, 30_000L);
            assertThat(probes).isPositive();
            Answer refused = answer.get(60, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(401);
            System.out.println("a never-ending body after its 401: cut after " + cutAfter + " ms; " + probes
                    + " probes answered 200 meanwhile");
        }
        Answer after = RawHttp.exchange(manager.port(), "GET /observe/health HTTP/1.1\r\nHost: t\r\n"
                + "Connection: close\r\n\r\n", Duration.ofSeconds(20));
        assertThat(after.status()).isEqualTo(200);
    }

    /** {@link #RUNS} times: the whole body is written, then the answer read; every run must see the status. */
    static void everyTime(int port, String head, int status, String message) throws Exception {
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            String outcome = writeWholeBodyThenRead(port, head, status, message);
            if (outcome != null) {
                failures.add("run " + run + ": " + outcome);
            }
        }
        System.out.println(head.substring(0, head.indexOf(' ', 5)) + " -> " + status + ": " + (RUNS - failures.size())
                + " of " + RUNS + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        assertThat(failures).as("runs that did not get " + status).isEmpty();
    }

    /** Null when the answer came whole; otherwise what went wrong. */
    static String writeWholeBodyThenRead(int port, String head, int status, String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                for (long sent = 0; sent < BODY; sent += BLOCK.length) {
                    out.write(BLOCK, 0, (int) Math.min(BLOCK.length, BODY - sent));
                }
                out.flush();
            } catch (IOException e) {
                return "the body could not be written whole: " + e;
            }
            Answer answer = RawHttp.read(socket.getInputStream(), System.nanoTime(), Duration.ofSeconds(30));
            if (answer.status() != status || !answer.body().contains(message)) {
                return "answered " + answer;
            }
            return null;
        }
    }

    private static int run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
