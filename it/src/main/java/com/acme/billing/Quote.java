package com.acme.billing;

import io.managerhandlers.Bus;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/** Calls one handler through the generated Handlers and another through the untyped Bus. */
@Handler(value = "quote", replicas = 3)
public final class Quote implements RequestHandler<QuoteRequest, QuoteResponse> {
    private final Handlers handlers;
    private final Bus bus;
    private final Topics topics;

    public Quote(Handlers handlers, Bus bus, Topics topics) {
        this.handlers = handlers;
        this.bus = bus;
        this.topics = topics;
    }

    @Override
    public QuoteResponse handle(QuoteRequest request, Call call) {
        double rate = handlers.taxRate().publish(request.region());
        String currency = bus.publish("currency", request.region());
        long discount = request.coupon().map(c -> 100L).orElse(0L);
        long total = Math.round(request.amountCents() * (1 + rate)) - discount;
        topics.quotesMade().publish(new QuoteMade(request.customer(), total));
        return new QuoteResponse(request.customer(), total, currency, call.source());
    }
}
