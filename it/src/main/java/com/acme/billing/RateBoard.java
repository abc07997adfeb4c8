package com.acme.billing;

import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Subscribe;
import io.managerhandlers.annotations.Transport;
import java.util.ArrayList;
import java.util.List;

/** Every instance keeps the rates it heard, in order: a REDIS topic reaches them all. */
public final class RateBoard {
    public static final StateKey<List<FxRate>> HEARD = StateKey.of("rates.heard", new TypeToken<List<FxRate>>() { });
    private final SharedState state;

    public RateBoard(SharedState state) {
        this.state = state;
    }

    @Subscribe(value = "fx.rates", transport = Transport.REDIS)
    public void on(FxRate rate) {
        state.update(HEARD, rates -> {
            List<FxRate> next = rates == null ? new ArrayList<>() : new ArrayList<>(rates);
            next.add(rate);
            return next;
        });
    }
}
