package com.acme.billing.catalog;

import java.math.BigDecimal;

/** An exact amount in a currency. */
public record Price(BigDecimal amount, String currency) {
}
