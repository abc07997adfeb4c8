package io.managerhandlers.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link FileServerMain} in a JVM of its own, with the test's class path and the heap asked for. */
final class ForkedServer implements AutoCloseable {
    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<String> output = new ArrayList<>();

    ForkedServer(Path store, String key, long shutdownMillis, String heap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), FileServerMain.class.getName(),
                store.toString(), key, Long.toString(shutdownMillis))
                .redirectErrorStream(true)
                .start();
        Thread.ofPlatform().daemon().name("forked-server-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("LISTENING ")) {
                        port.complete(Integer.parseInt(line.substring(10).trim()));
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            } finally {
                port.completeExceptionally(new IllegalStateException("The server exited: " + output()));
            }
        });
    }

    int port() throws Exception {
        return port.get(120, TimeUnit.SECONDS);        // a JVM starting on a loaded machine
    }

    /** SIGTERM, as {@code kill <pid>} sends it. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, once the process has exited within {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server did not exit within " + seconds + " s: " + output());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
