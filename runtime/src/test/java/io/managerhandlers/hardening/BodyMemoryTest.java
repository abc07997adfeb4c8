package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.hardening.RawHttp.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Large JSON bodies at once in a small heap (issue 19): six clients each POSTing a 16 MiB body (the default
 * {@code maxJsonBytes}) at the same time, three rounds, to a service in a JVM of its own with a 256 MiB heap
 * and every default. The budget of bodies in flight sheds what does not fit with 503 and Retry-After before
 * reading it: every answer is a whole 200 or such a 503, some are 200, no OutOfMemoryError is logged, and
 * the service answers normally afterwards.
 */
class BodyMemoryTest {
    static final String KEY = "memory-key";
    static final int CLIENTS = 6;
    static final int ROUNDS = 3;
    static final int BODY = 16 << 20;

    @Test
    void sixSixteenMebibyteBodiesAtOnceInA256MebibyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GreetServerMain.class.getName(), KEY).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("LISTENING ")) {
                        port.complete(Integer.parseInt(line.substring(10).trim()));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                port.completeExceptionally(new IllegalStateException("the server exited"));
            }
        });
        byte[] body = new byte[BODY];
        Arrays.fill(body, (byte) 'a');
        int ok = 0;
        int shed = 0;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            int server = port.get(60, TimeUnit.SECONDS);
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch ready = new CountDownLatch(CLIENTS);
                List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(clients.submit(() -> post(server, body, ready)));
                }
                for (Future<Answer> future : answers) {
                    Answer answer = future.get(120, TimeUnit.SECONDS);
                    if (answer.status() == 200) {
                        // Whole: the greeting of the whole body, as long as the head said.
                        assertThat(answer.body()).hasSize(BODY + "{\"status\":\"Ok\",\"message\":\"Hello, !\"}".length());
                        assertThat(answer.body()).endsWith("aaa!\"}");
                        ok++;
                    } else {
                        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                        assertThat(answer.header("Retry-After")).isEqualTo("1");
                        shed++;
                    }
                }
            }
            Answer after = RawHttp.exchange(server, "POST /greet HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Length: 3\r\nConnection: close\r\n\r\nAda", Duration.ofSeconds(30));
            assertThat(after.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"Hello, Ada!\"}");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        System.out.println("16 MiB bodies, " + CLIENTS + " at once, " + ROUNDS + " rounds, -Xmx256m: " + ok + " x 200, "
                + shed + " x 503");
        assertThat(ok).isPositive();
        synchronized (output) {
            assertThat(String.join("\n", output)).doesNotContain("OutOfMemoryError");
        }
    }

    /** One client: the whole body written, then the answer read (a 503 comes with a lingering close). */
    static Answer post(int port, byte[] body, CountDownLatch ready) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            ready.countDown();
            ready.await();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /greet HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + KEY + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return RawHttp.read(socket.getInputStream(), System.nanoTime(), Duration.ofSeconds(60));
        }
    }
}
