package com.acme.billing;

import io.managerhandlers.Manager;

/** The service as its own process, sharing its work through the Redis at {@code args[0]}. */
public final class RedisBillingMain {
    private RedisBillingMain() {
    }

    public static void main(String[] args) {
        Manager manager = ManagerBootstrap.manager()
                .port(0)
                .apiKey("it-key")
                .redis(args[0])
                .build()
                .start();
        System.out.println("PORT=" + manager.port());
        System.out.flush();
        manager.awaitShutdown();
    }
}
