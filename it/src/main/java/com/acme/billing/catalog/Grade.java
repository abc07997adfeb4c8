package com.acme.billing.catalog;

/** How a customer is served. */
public enum Grade {
    STANDARD,
    PREMIUM
}
