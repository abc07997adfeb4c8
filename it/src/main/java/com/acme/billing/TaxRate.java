package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

@Handler("tax-rate")
public final class TaxRate implements RequestHandler<String, Double> {
    @Override
    public Double handle(String region, Call call) {
        return switch (region) {
            case "eu" -> 0.2;
            case "us" -> 0.07;
            default -> throw new IllegalArgumentException("No tax rate for region " + region + " (asked by " + call.source() + ")");
        };
    }
}
