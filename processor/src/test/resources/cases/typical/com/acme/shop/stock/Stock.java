package com.acme.shop.stock;

import io.managerhandlers.Call;
import io.managerhandlers.Remote;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;
import java.util.Map;

/** Generic input and output. */
@Handler(value = "stock_levels", replicas = 2)
public final class Stock implements RequestHandler<List<String>, Map<String, Integer>> {
    private final Remote remote;

    public Stock(Remote remote) {
        this.remote = remote;
    }

    @Override
    public Map<String, Integer> handle(List<String> skus, Call call) {
        return Map.of();
    }
}
