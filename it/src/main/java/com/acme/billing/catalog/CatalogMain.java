package com.acme.billing.catalog;

import com.acme.billing.ManagerBootstrap;
import io.managerhandlers.Manager;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The billing service as its own process with the built-in file store at {@code args[0]}, for callers from
 * another program: prints {@code PORT=<n>} once serving.
 */
public final class CatalogMain {
    private CatalogMain() {
    }

    public static void main(String[] args) {
        Manager manager = ManagerBootstrap.manager()
                .host("127.0.0.1")
                .port(0)
                .apiKey("it-key")
                .requestTimeout(Duration.ofSeconds(10))
                .fileStore(Path.of(args[0]))
                .build()
                .start();
        System.out.println("PORT=" + manager.port());
        System.out.flush();
        manager.awaitShutdown();
    }
}
