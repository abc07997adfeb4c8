package com.acme.billing;

public record QuoteResponse(String customer, long totalCents, String currency, String pricedBy) {
}
