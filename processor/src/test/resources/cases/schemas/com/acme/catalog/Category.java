package com.acme.catalog;

import java.util.List;

/** A category and its sub-categories, as deep as they go. */
public record Category(String name, List<Category> children) {
}
