package com.acme.shop.orders;

public record NewOrder(String id, String sku, int quantity) {
}
