package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

@Handler("currency")
public final class Currency implements RequestHandler<String, String> {
    @Override
    public String handle(String region, Call call) {
        return region.equals("eu") ? "EUR" : "USD";
    }
}
