package io.managerhandlers.example;

import io.managerhandlers.SharedState;
import io.managerhandlers.annotations.Subscribe;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

/** A plain class subscribed to a topic: one instance, messages delivered in order, asynchronously. */
public final class Notifications {
    private static final System.Logger LOG = System.getLogger(Notifications.class.getName());
    private final SharedState state;

    public Notifications(SharedState state) {
        this.state = state;
    }

    @Subscribe("orders.placed")
    public void onOrder(OrderPlaced order) {
        state.update(ShopState.SOLD, sold -> {
            Map<String, Integer> next = sold == null ? new HashMap<>() : new HashMap<>(sold);
            next.merge(order.sku(), order.quantity(), Integer::sum);
            return Map.copyOf(next);
        });
        LOG.log(Level.INFO, "Order " + order.orderNumber() + ": " + order.quantity() + " x " + order.sku());
    }
}
