package com.acme.billing.catalog;

/** One line of an order: a nested record inside a list. */
public record Line(String sku, int quantity, Price unitPrice) {
}
