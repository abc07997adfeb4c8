package io.managerhandlers.example;

/** Published on the topic {@code orders.placed} after every order. */
public record OrderPlaced(long orderNumber, String sku, int quantity) {
}
