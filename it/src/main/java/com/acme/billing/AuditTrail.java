package com.acme.billing;

import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.annotations.Subscribe;

/** Counts the quotes made, through a topic. */
public final class AuditTrail {
    public static final StateKey<Long> QUOTES = StateKey.of("quotes", Long.class);
    private final SharedState state;

    public AuditTrail(SharedState state) {
        this.state = state;
    }

    @Subscribe("quotes.made")
    public void record(QuoteMade made) {
        state.update(QUOTES, n -> n == null ? 1L : n + 1);
    }
}
