package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.testing.HttpClientSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service as a process of its own: {@code POST /shutdown} and SIGTERM let the call in flight finish,
 * then the process exits by itself.
 */
class ShutdownProcessTest {
    private Process process;
    private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void postShutdownAnswersDrainsTheCallInFlightAndExitsCleanly() throws Exception {
        HttpClientSupport http = start();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> inFlight = callers.submit(() -> http.post("/slow-ledger", "1500"));
            awaitLine("slow-ledger: running");
            assertThat(http.send("POST", "/shutdown", null, null).statusCode()).isEqualTo(401);

            HttpResponse<String> shutdown = http.post("/shutdown", null);
            assertThat(shutdown.statusCode()).isEqualTo(200);
            assertThat(shutdown.body()).isEqualTo("{\"status\":\"Shutting down\"}");

            HttpResponse<String> finished = inFlight.get(120, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("{\"status\":\"Ok\",\"message\":1}");
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(awaitLine("STOPPED")).isEqualTo("STOPPED");
        assertThatThrownBy(() -> http.post("/currency", "eu")).isInstanceOf(ConnectException.class);
    }

    @Test
    void sigtermDrainsTheCallInFlight() throws Exception {
        HttpClientSupport http = start();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> inFlight = callers.submit(() -> http.post("/slow-ledger", "1500"));
            awaitLine("slow-ledger: running");
            process.destroy();      // SIGTERM
            HttpResponse<String> finished = inFlight.get(120, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
    }

    /** Waits for a line of the service's output that starts with {@code prefix} (it ends the test if the service never prints it). */
    private String awaitLine(String prefix) throws InterruptedException {
        return awaitLine(output, prefix);
    }

    /** Waits for a line of a service's {@code output} that starts with {@code prefix}. */
    static String awaitLine(java.util.concurrent.BlockingQueue<String> output, String prefix)
            throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);   // a JVM starting on a loaded machine
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null) {
                seen.append(line).append('\n');
            }
        }
        throw new AssertionError("The service never printed '" + prefix + "': " + seen);
    }

    private HttpClientSupport start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BillingMain.class.getName())
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
        String port = awaitLine("PORT=");
        HttpClientSupport http = new HttpClientSupport(Integer.parseInt(port.substring(5)), "Bearer it-key");
        assertThat(http.post("/currency", "eu").statusCode()).isEqualTo(200);
        return http;
    }
}
