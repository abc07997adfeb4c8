package com.acme.shop.orders;

public record Order(String id, String sku) {
}
