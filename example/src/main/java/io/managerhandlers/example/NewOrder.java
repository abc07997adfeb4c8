package io.managerhandlers.example;

import java.util.Optional;

/** {@code POST /orders} takes one: {@code {"sku":"apple","quantity":3}}, with an optional note. */
public record NewOrder(String sku, int quantity, Optional<String> note) {
}
