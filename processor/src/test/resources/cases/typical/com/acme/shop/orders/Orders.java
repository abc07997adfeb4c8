package com.acme.shop.orders;

import com.acme.shop.Handlers;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.annotations.Handler;
import io.managerhandlers.annotations.Subscribe;
import io.managerhandlers.annotations.Transport;
import java.util.Map;

/** A handler that calls other handlers and also subscribes to a topic. */
@Handler(value = "orders", replicas = 4)
public final class Orders implements RequestHandler<NewOrder, OrderId> {
    private static final StateKey<Long> SEEN = StateKey.of("orders.seen", Long.class);
    private final Handlers handlers;
    private final SharedState state;

    public Orders(Handlers handlers, SharedState state) {
        this.handlers = handlers;
        this.state = state;
    }

    @Override
    public OrderId handle(NewOrder order, Call call) {
        handlers.echo().dispatch(order.id());
        Map<String, Integer> stock = handlers.stockLevels().publish(java.util.List.of(order.sku()));
        state.update(SEEN, n -> n == null ? 1L : n + stock.size());
        return new OrderId(order.id());
    }

    @Subscribe(value = "prices", transport = Transport.REDIS)
    public void price(Price price) {
    }
}
