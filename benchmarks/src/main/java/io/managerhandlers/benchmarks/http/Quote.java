package io.managerhandlers.benchmarks.http;

/** The benchmark's request and answer: a small JSON record each way. */
public final class Quote {
    private Quote() {
    }

    /** {@code {"sku":"apple","quantity":3}} */
    public record Request(String sku, int quantity) {
    }

    /** {@code {"sku":"apple","quantity":3,"totalCents":150}} */
    public record Answer(String sku, int quantity, long totalCents) {
    }

    static Answer price(Request request) {
        return new Answer(request.sku(), request.quantity(), 50L * request.quantity());
    }
}
