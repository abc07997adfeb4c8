package com.acme.billing;

import io.managerhandlers.testing.HttpClientSupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shutdown timeout bounds a stop once: with {@code shutdownTimeout} 1 s, a 5 s call in flight at SIGTERM
 * is answered 504 at the deadline and the process exits soon after, long before the call would have ended.
 */
class ShutdownBoundProcessTest {
    private Process process;
    private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aCallRunningPastTheShutdownTimeoutIsAnswered504AndTheProcessExits() throws Exception {
        HttpClientSupport http = start("PT1S");
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> inFlight = callers.submit(() -> http.post("/slow-ledger", "5000"));
            ShutdownProcessTest.awaitLine(output, "slow-ledger: running");   // the call is running (5 s)
            long stop = System.nanoTime();
            process.destroy();      // SIGTERM
            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(504);
            assertThat(answer.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"Gateway timeout: handler"
                    + " 'slow-ledger' had not answered when the shutdown timeout ran out\"}");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Duration exit = Duration.ofNanos(System.nanoTime() - stop);
            // The subject is a timeout: 1 s, then the answer and the exit; the call alone would take 4.6 s more.
            assertThat(exit).as("exit after SIGTERM").isLessThan(Duration.ofMillis(4_000));
        }
    }

    private HttpClientSupport start(String shutdownTimeout) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BillingMain.class.getName(),
                shutdownTimeout)
                .redirectErrorStream(true)
                .start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("PORT=")) {
                HttpClientSupport http = new HttpClientSupport(Integer.parseInt(line.substring(5)), BillingHttpTest.KEY);
                assertThat(http.post("/currency", "eu").statusCode()).isEqualTo(200);
                return http;
            }
        }
        throw new AssertionError("The service did not start: " + output);
    }
}
