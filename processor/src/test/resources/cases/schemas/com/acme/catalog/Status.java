package com.acme.catalog;

/** Where a product is in its life. */
public enum Status {
    ACTIVE,
    RETIRED
}
