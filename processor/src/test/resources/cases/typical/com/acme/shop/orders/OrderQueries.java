package com.acme.shop.orders;

import com.acme.shop.Topics;
import io.managerhandlers.Bus;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;

/** Generic output; Topics and Bus injected. */
@Handler("order-list")
public final class OrderQueries implements RequestHandler<String, List<Order>> {
    private final Topics topics;
    private final Bus bus;

    public OrderQueries(Topics topics, Bus bus) {
        this.topics = topics;
        this.bus = bus;
    }

    @Override
    public List<Order> handle(String customer, Call call) {
        topics.auditEvents().publish(new com.acme.shop.audit.AuditEvent(customer));
        return List.of();
    }
}
