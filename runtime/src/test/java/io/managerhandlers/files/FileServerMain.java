package io.managerhandlers.files;

import io.managerhandlers.Manager;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A service with the built-in store and nothing else, for the tests that run it in its own JVM (with a small
 * heap, or to be sent SIGTERM). Arguments: store directory, API key, shutdown timeout in milliseconds. Prints
 * {@code LISTENING <port>} once it serves.
 */
public final class FileServerMain {
    private FileServerMain() {
    }

    public static void main(String[] args) {
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey(args[1])
                .shutdownTimeout(Duration.ofMillis(Long.parseLong(args[2])))
                .fileStore(Path.of(args[0]))
                .build()
                .start();
        System.out.println("LISTENING " + manager.port());
        System.out.flush();
        manager.awaitShutdown();
        System.out.println("STOPPED");
        System.out.flush();
    }
}
