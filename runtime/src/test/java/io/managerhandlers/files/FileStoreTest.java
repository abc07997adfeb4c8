package io.managerhandlers.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.Manager;
import io.managerhandlers.internal.files.DiskFileStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in store on its own: what it cleans at start, and a disk that fills up. */
class FileStoreTest {
    @Test
    void leftoversOfInterruptedUploadsAreRemovedAtStartAndFinishedFilesKept(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("store");
        DiskFileStore first = new DiskFileStore(root);
        assertThat(first.root()).isEqualTo(root.toRealPath());
        String kept = "0123456789abcdef0123456789abcdef";
        String orphan = "fedcba9876543210fedcba9876543210";
        Files.writeString(root.resolve("files").resolve(kept), "content");
        Files.writeString(root.resolve("files").resolve(kept + ".json"), "{\"id\":\"" + kept
                + "\",\"name\":\"n\",\"size\":7,\"sha256\":\"x\",\"created\":\"2024-01-01T00:00:00Z\","
                + "\"contentType\":\"text/plain\"}");
        Files.writeString(root.resolve("files").resolve(orphan), "moved, but its metadata never landed");
        Files.writeString(root.resolve("tmp").resolve(orphan + ".partial"), "half");
        Files.writeString(root.resolve("tmp").resolve(orphan + ".json.partial"), "{");

        DiskFileStore second = new DiskFileStore(root);
        assertThat(FileStreamingTest.list(root.resolve("tmp"))).isEmpty();
        assertThat(FileStreamingTest.list(root.resolve("files"))).containsExactlyInAnyOrder(
                root.resolve("files").resolve(kept), root.resolve("files").resolve(kept + ".json"));
        assertThat(second.find(kept).size()).isEqualTo(7);
        assertThat(second.find(orphan)).isNull();
        assertThat(second.find("../" + kept)).isNull();
    }

    @Test
    void aStoreThatCannotBeCreatedFailsTheBuild(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manager.builder().port(0)
                        .fileStore(file.resolve("store")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upload");
    }

    /**
     * A real full disk: a 16 MiB tmpfs (mounting needs root; skipped otherwise). The upload that fills it is
     * answered 507 and removed; the next one, which fits, works.
     */
    @Test
    void aFullDiskIs507AndLeavesNothingAndLaterUploadsWork(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
        try {
            Path store = mount.resolve("store");
            Manager manager = Manager.builder().port(0).host("127.0.0.1").fileStore(store).build().start();
            try {
                FileClient files = new FileClient(manager.port(), null);
                // Announced too large: refused before a byte is written.
                HttpResponse<String> announced = files.upload("big.bin", () -> new GeneratedStream(1, 1 << 20),
                        1 << 20, Long.toString(64L << 20));
                assertThat(announced.statusCode()).isEqualTo(507);
                // Announced small, but the body fills the disk.
                // The client writes its whole body before it reads: lingering close lets it read the answer.
                HttpResponse<String> res = files.upload("big.bin", () -> new GeneratedStream(1, 32L << 20), -1, "1000");
                int status = res.statusCode();
                String body = res.body();
                assertThat(status).isEqualTo(507);
                assertThat(body).startsWith("{\"status\":\"Error\",\"message\":\"Insufficient storage");
                assertThat(FileStreamingTest.list(store.resolve("tmp"))).isEmpty();
                assertThat(FileStreamingTest.list(store.resolve("files"))).isEmpty();

                String id = FileClient.id(files.upload("small.bin", 5, 4L << 20, true));
                FileClient.Download download = files.download(id);
                assertThat(download.bytes()).isEqualTo(4L << 20);
                assertThat(download.sha256()).isEqualTo(GeneratedStream.sha256(5, 4L << 20));
            } finally {
                manager.stop();
            }
        } finally {
            run("umount", "-l", mount.toString());
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
