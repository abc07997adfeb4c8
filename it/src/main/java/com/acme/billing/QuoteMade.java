package com.acme.billing;

public record QuoteMade(String customer, long totalCents) {
}
