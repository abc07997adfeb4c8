package com.acme.billing;

/** A payment to record, numbered by the caller. */
public record Payment(int number, long cents) {
}
