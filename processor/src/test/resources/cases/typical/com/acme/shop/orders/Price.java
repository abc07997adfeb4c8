package com.acme.shop.orders;

public record Price(String sku, long cents) {
}
