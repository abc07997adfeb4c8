package com.acme.shop.orders;

public record OrderId(String id) {
}
