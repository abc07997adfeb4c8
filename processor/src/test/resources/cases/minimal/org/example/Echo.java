package org.example;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

@Handler("echo")
public final class Echo implements RequestHandler<String, String> {
    @Override
    public String handle(String data, Call call) {
        return data;
    }
}
