package com.acme.catalog;

import java.math.BigDecimal;

/** An amount in a currency. */
public record Money(BigDecimal amount, String currency) {
}
