package com.acme.billing;

import java.util.Optional;

public record QuoteRequest(String customer, String region, long amountCents, Optional<String> coupon) {
}
