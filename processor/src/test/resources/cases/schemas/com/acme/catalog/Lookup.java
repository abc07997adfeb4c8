package com.acme.catalog;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/**
 * Finds a product by its {@code sku}. Answers the {@link Product} with its price.
 *
 * <p>Unknown products are a 500.
 *
 * @see Product
 */
@Handler("lookup")
public final class Lookup implements RequestHandler<String, Product> {
    @Override
    public Product handle(String sku, Call call) {
        throw new IllegalArgumentException("Unknown product: " + sku);
    }
}
