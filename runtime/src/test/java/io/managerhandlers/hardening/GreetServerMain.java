package io.managerhandlers.hardening;

import io.managerhandlers.Manager;

/**
 * A service with one handler that answers its body back ({@code "Hello, " + name + "!"}, as a user's greeting
 * service does), with every default, for the tests that run it in a JVM of its own with a small heap.
 * Argument: the API key. Prints {@code LISTENING <port>} once it serves.
 */
public final class GreetServerMain {
    private GreetServerMain() {
    }

    public static void main(String[] args) {
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey(args[0])
                .handler("greet", 8, m -> (name, call) -> "Hello, " + name + "!")
                .build()
                .start();
        System.out.println("LISTENING " + manager.port());
        System.out.flush();
        manager.awaitShutdown();
    }
}
