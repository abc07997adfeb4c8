package com.acme.billing;

import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Subscribe;
import java.util.ArrayList;
import java.util.List;

/** A plain class subscribed to a topic: keeps the numbers of the invoices, in the order it hears them. */
public final class InvoiceArchive {
    public static final StateKey<List<Long>> ARCHIVED =
            StateKey.of("invoices.archived", new TypeToken<List<Long>>() {});
    private final SharedState state;

    public InvoiceArchive(SharedState state) {
        this.state = state;
    }

    @Subscribe("invoices.issued")
    public void archive(Invoice invoice) {
        append(state, ARCHIVED, invoice.number());
    }

    static void append(SharedState state, StateKey<List<Long>> key, long number) {
        state.update(key, numbers -> {
            List<Long> more = numbers == null ? new ArrayList<>() : new ArrayList<>(numbers);
            more.add(number);
            return more;
        });
    }
}
