package com.acme.shop.orders;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;
import java.util.Map;

/** Arrays and wildcards. */
@Handler("audit_log")
public final class Archive implements RequestHandler<Order[], Map<String, List<? extends Number>>> {
    @Override
    public Map<String, List<? extends Number>> handle(Order[] orders, Call call) {
        return Map.of();
    }
}
