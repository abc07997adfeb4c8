package io.managerhandlers.example;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.Map;

/**
 * {@code POST /inventory} with a product name as JSON ({@code "apple"}). Throws for an unknown product:
 * HTTP callers get 500 with the message, bus callers a {@code HandlerException}.
 */
@Handler(value = "inventory", replicas = 2)
public final class Inventory implements RequestHandler<String, Stock> {
    private static final Map<String, Stock> STOCK = Map.of(
            "apple", new Stock("apple", 100, 50),
            "pear", new Stock("pear", 20, 80));

    @Override
    public Stock handle(String sku, Call call) {
        Stock stock = STOCK.get(sku);
        if (stock == null) {
            throw new IllegalArgumentException("Unknown product: " + sku);
        }
        return stock;
    }
}
