package io.managerhandlers.test.handwritten;

/** Stands for a HandlersClient from a processor that has no {@code connect(URI, String)}. */
public final class HandlersClient {
    private HandlersClient() {
    }
}
