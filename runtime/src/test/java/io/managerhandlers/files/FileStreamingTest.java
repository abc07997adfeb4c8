package io.managerhandlers.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.managerhandlers.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in store in a JVM of its own with a 64 MiB heap: hundreds of MiB through it, intact end to end,
 * and what a SIGTERM does to the uploads in flight.
 */
class FileStreamingTest {
    private static final long MIB = 1L << 20;
    private static final String KEY = "Bearer secret";

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void halfAGibibyteRoundTripsThroughA64MiBHeap(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        try (ForkedServer server = new ForkedServer(store, "secret", 30_000, "64m")) {
            FileClient files = new FileClient(server.port(), KEY);
            long size = 512 * MIB;
            String expected = GeneratedStream.sha256(42, size);

            // Chunked, as a stream of unknown length is sent: nothing can be sized up front.
            long start = System.nanoTime();
            HttpResponse<String> upload = files.upload("big%20file%20%C3%A9.bin", 42, size, false);
            long uploaded = System.nanoTime();
            String id = FileClient.id(upload);
            assertThat(id).matches("[0-9a-f]{32}");

            FileClient.Download download = files.download(id);
            long downloaded = System.nanoTime();
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.contentLength()).hasValue(size);
            assertThat(download.bytes()).isEqualTo(size);
            assertThat(download.sha256()).isEqualTo(expected);
            assertThat(download.response().headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    value -> assertThat(value).contains("filename*=UTF-8''big%20file%20%C3%A9.bin"));
            System.out.printf("512 MiB through a 64 MiB heap: upload %.0f MiB/s, download %.0f MiB/s%n",
                    512 / ((uploaded - start) / 1e9), 512 / ((downloaded - uploaded) / 1e9));

            JsonNode metadata = FileClient.JSON.readTree(files.metadata(id).body());
            assertThat(metadata.get("status").asText()).isEqualTo("Ok");
            assertThat(metadata.at("/message/id").asText()).isEqualTo(id);
            assertThat(metadata.at("/message/name").asText()).isEqualTo("big file é.bin");
            assertThat(metadata.at("/message/size").asLong()).isEqualTo(size);
            assertThat(metadata.at("/message/sha256").asText()).isEqualTo(expected);
            assertThat(metadata.at("/message/created").asText()).isNotBlank();

            // Four at once under one name: four ids, none overwriting another.
            long each = 48 * MIB;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    long seed = 100 + i;
                    boolean withLength = i % 2 == 0;
                    ids.add(pool.submit(() -> FileClient.id(files.upload("same.bin", seed, each, withLength))));
                }
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < 4; i++) {
                    String concurrentId = ids.get(i).get(120, TimeUnit.SECONDS);
                    distinct.add(concurrentId);
                    FileClient.Download copy = files.download(concurrentId);
                    assertThat(copy.contentLength()).hasValue(each);
                    assertThat(copy.sha256()).as("upload %d", i).isEqualTo(GeneratedStream.sha256(100 + i, each));
                    assertThat(FileClient.JSON.readTree(files.metadata(concurrentId).body())
                            .at("/message/name").asText()).isEqualTo("same.bin");
                }
                assertThat(distinct).hasSize(4).doesNotContain(id);
            } finally {
                pool.shutdownNow();
            }

            assertThat(server.alive()).as(server.output()).isTrue();
            assertThat(list(store.resolve("tmp"))).isEmpty();
            assertThat(list(store.resolve("files"))).hasSize(10);
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermLetsAnUploadInFlightFinishAndNeverLeavesATruncatedFile(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        long half = 8 * MIB;
        CountDownLatch resume = new CountDownLatch(1);
        try (ForkedServer server = new ForkedServer(store, "secret", 30_000, "64m")) {
            FileClient files = new FileClient(server.port(), KEY);
            CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return files.upload("finishing.bin", () -> new PausingStream(half, resume), -1,
                            Long.toString(2 * half));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitPartial(store, half / 2);
            server.terminate();
            // Refused from now on, but the one in flight goes on.
            assertThat(awaitRefusal(files)).isIn(503, -1);
            resume.countDown();
            HttpResponse<String> done = upload.get(60, TimeUnit.SECONDS);
            String id = FileClient.id(done);
            server.awaitExit(60);
            Path file = store.resolve("files").resolve(id);
            assertThat(Files.size(file)).isEqualTo(2 * half);
            JsonNode metadata = FileClient.JSON.readTree(Files.readAllBytes(store.resolve("files").resolve(id + ".json")));
            assertThat(metadata.get("sha256").asText()).isEqualTo(PausingStream.sha256(half));
        } finally {
            resume.countDown();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anUploadStillRunningWhenTheShutdownTimesOutLeavesNothingUnderAFinalName(@TempDir Path dir)
            throws Exception {
        Path store = dir.resolve("store");
        CountDownLatch never = new CountDownLatch(1);
        try (ForkedServer server = new ForkedServer(store, "secret", 1_000, "64m")) {
            FileClient files = new FileClient(server.port(), KEY);
            CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return files.upload("cut.bin", () -> new PausingStream(8 * MIB, never), -1, "1").statusCode();
                } catch (IOException | InterruptedException e) {
                    return -1;
                }
            });
            awaitPartial(store, 4 * MIB);
            server.terminate();
            server.awaitExit(60);
            assertThat(list(store.resolve("files"))).isEmpty();
            never.countDown();
            assertThat(upload.get(60, TimeUnit.SECONDS)).isNotEqualTo(200);
        } finally {
            never.countDown();
        }
        // Whatever the killed process left in tmp/ goes when the store opens again.
        try (ForkedServer again = new ForkedServer(store, "secret", 1_000, "64m")) {
            again.port();
            assertThat(list(store.resolve("tmp"))).isEmpty();
            assertThat(list(store.resolve("files"))).isEmpty();
        }
    }

    /** The first answer other than 404 (the server still serving) once the shutdown began; -1 if it is gone. */
    private static int awaitRefusal(FileClient files) throws InterruptedException {
        return Eventually.get("the server refusing new requests", () -> {
            try {
                return files.metadata("0".repeat(32)).statusCode();
            } catch (IOException e) {
                return -1;
            }
        }, status -> status != 404);
    }

    private static void awaitPartial(Path store, long atLeast) throws Exception {
        Eventually.await("an upload of " + atLeast + " bytes in tmp/", () -> {
            for (Path partial : list(store.resolve("tmp"))) {
                if (Files.size(partial) >= atLeast) {
                    return true;
                }
            }
            return false;
        });
    }

    static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    /** {@code half} generated bytes, a wait for {@code resume}, then {@code half} more. */
    static final class PausingStream extends InputStream {
        private final InputStream first;
        private final InputStream second;
        private final CountDownLatch resume;
        private boolean paused;

        PausingStream(long half, CountDownLatch resume) {
            this.first = new GeneratedStream(7, half);
            this.second = new GeneratedStream(8, half);
            this.resume = resume;
        }

        static String sha256(long half) throws IOException {
            var sha = FileClient.sha256();
            for (InputStream in : List.of(new GeneratedStream(7, half), new GeneratedStream(8, half))) {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = first.read(b, off, len);
            if (n > 0) {
                return n;
            }
            if (!paused) {
                paused = true;
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
            }
            return second.read(b, off, len);
        }
    }
}
