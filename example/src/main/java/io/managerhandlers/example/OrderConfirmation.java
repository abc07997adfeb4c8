package io.managerhandlers.example;

/** What {@code POST /orders} answers. */
public record OrderConfirmation(long orderNumber, String sku, int quantity, long totalCents) {
}
