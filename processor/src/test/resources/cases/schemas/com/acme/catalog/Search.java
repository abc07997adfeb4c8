package com.acme.catalog;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;

/** Products of some categories, one page of them. */
@Handler("search")
public final class Search implements RequestHandler<List<Category>, Page<Product>> {
    @Override
    public Page<Product> handle(List<Category> categories, Call call) {
        return new Page<>(List.of(), 0);
    }
}
