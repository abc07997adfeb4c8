package com.acme.billing;

/** An exchange rate, broadcast to every instance. */
public record FxRate(String currency, double perEuro) {
}
