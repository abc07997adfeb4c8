package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Generic input and output. */
@Handler(value = "batch_totals", replicas = 2)
public final class Batch implements RequestHandler<List<QuoteRequest>, Map<String, Long>> {
    private final Handlers handlers;

    public Batch(Handlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public Map<String, Long> handle(List<QuoteRequest> requests, Call call) {
        Map<String, Long> totals = new TreeMap<>();
        for (QuoteRequest request : requests) {
            totals.merge(request.customer(), handlers.quote().publish(request).totalCents(), Long::sum);
        }
        return totals;
    }
}
