package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.time.Duration;

/** Prices a quote on whichever instance is free: a typed call through Redis (in process without it). */
@Handler("checkout")
public final class Checkout implements RequestHandler<QuoteRequest, QuoteResponse> {
    private final Handlers handlers;

    public Checkout(Handlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public QuoteResponse handle(QuoteRequest request, Call call) {
        return handlers.quote().remote().publish(request, Duration.ofSeconds(2));
    }
}
