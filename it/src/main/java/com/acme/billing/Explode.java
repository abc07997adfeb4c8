package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

@Handler("explode")
public final class Explode implements RequestHandler<String, String> {
    @Override
    public String handle(String input, Call call) throws Exception {
        throw new java.io.IOException("ledger offline");
    }
}
