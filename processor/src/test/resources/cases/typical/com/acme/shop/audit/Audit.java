package com.acme.shop.audit;

import com.acme.shop.orders.Price;
import io.managerhandlers.SharedState;
import io.managerhandlers.annotations.Subscribe;
import io.managerhandlers.annotations.Transport;
import java.util.List;

/** A plain class that subscribes: one instance, shared by its methods. */
public final class Audit {
    private final SharedState state;

    public Audit(SharedState state) {
        this.state = state;
    }

    @Subscribe("audit.events")
    public void on(AuditEvent event) {
    }

    @Subscribe("audit.batches")
    public void batch(List<AuditEvent> events) {
    }

    @Subscribe(value = "prices", transport = Transport.REDIS)
    public void price(Price price) {
    }
}
