package com.acme.catalog;

import java.util.List;

/** One page of results. */
public record Page<T>(List<T> items, long total) {
}
