package com.acme.catalog.legacy;

/** The old status, same simple name as another: both get qualified component names. */
public record Status(int code) {
}
