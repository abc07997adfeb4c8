package com.acme.shop;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/** A handler without a declared constructor: the default one is public. */
@Handler("Echo")
public final class Echo implements RequestHandler<String, String> {
    @Override
    public String handle(String data, Call call) {
        return "Echo from " + call.source() + ": " + data;
    }
}
