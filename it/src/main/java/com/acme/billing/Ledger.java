package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Handler;
import io.managerhandlers.annotations.Subscribe;
import java.util.List;

/**
 * A handler that also subscribes to a topic: it books every invoice issued, and answers how many it has
 * booked so far.
 */
@Handler("ledger")
public final class Ledger implements RequestHandler<String, Integer> {
    public static final StateKey<List<Long>> BOOKED = StateKey.of("invoices.booked", new TypeToken<List<Long>>() {});
    private final SharedState state;

    public Ledger(SharedState state) {
        this.state = state;
    }

    @Subscribe("invoices.issued")
    public void book(Invoice invoice) {
        InvoiceArchive.append(state, BOOKED, invoice.number());
    }

    @Override
    public Integer handle(String ignored, Call call) {
        return state.get(BOOKED).map(List::size).orElse(0);
    }
}
