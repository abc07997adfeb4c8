package com.acme.billing;

/** An invoice issued, told to everyone interested through the {@code invoices.issued} topic. */
public record Invoice(long number, long totalCents) {
}
