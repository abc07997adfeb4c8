package io.managerhandlers.example;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.annotations.Handler;

/**
 * {@code POST /orders}: asks the inventory over the typed bus, counts the order in the shared state,
 * and announces it on a topic. Four replicas: at most four orders are taken at once.
 */
@Handler(value = "orders", replicas = 4)
public final class Orders implements RequestHandler<NewOrder, OrderConfirmation> {
    private final Handlers handlers;
    private final Topics topics;
    private final SharedState state;

    public Orders(Handlers handlers, Topics topics, SharedState state) {
        this.handlers = handlers;
        this.topics = topics;
        this.state = state;
    }

    @Override
    public OrderConfirmation handle(NewOrder order, Call call) {
        if (order.quantity() < 1) {
            throw new IllegalArgumentException("Quantity must be at least 1");
        }
        Stock stock = handlers.inventory().publish(order.sku());        // request/reply, typed
        if (stock.available() < order.quantity()) {
            throw new IllegalStateException("Only " + stock.available() + " " + order.sku() + " left");
        }
        long number = state.update(ShopState.ORDERS, n -> n == null ? 1L : n + 1).orElseThrow();
        topics.ordersPlaced().publish(new OrderPlaced(number, order.sku(), order.quantity()));  // every subscriber
        return new OrderConfirmation(number, order.sku(), order.quantity(), stock.priceCents() * order.quantity());
    }
}
