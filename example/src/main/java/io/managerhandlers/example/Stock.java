package io.managerhandlers.example;

/** What the inventory knows of one product. */
public record Stock(String sku, int available, long priceCents) {
}
