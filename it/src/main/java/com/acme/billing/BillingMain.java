package com.acme.billing;

import io.managerhandlers.Manager;
import java.time.Duration;

/** The service as its own process: prints {@code PORT=<n>} once serving; the shutdown timeout may be given (ISO-8601). */
public final class BillingMain {
    private BillingMain() {
    }

    public static void main(String[] args) {
        Manager manager = ManagerBootstrap.manager()
                .port(0)
                .apiKey("it-key")
                .shutdownTimeout(args.length > 0 ? Duration.parse(args[0]) : Duration.ofSeconds(20))
                .build()
                .start();
        System.out.println("PORT=" + manager.port());
        System.out.flush();
        manager.awaitShutdown();
        System.out.println("STOPPED");
    }
}
