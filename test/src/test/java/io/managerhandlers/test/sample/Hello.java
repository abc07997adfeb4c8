package io.managerhandlers.test.sample;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/** {@code POST /hello} with {@code Ada} answers {@code Hello, Ada}. */
@Handler("hello")
public final class Hello implements RequestHandler<String, String> {
    @Override
    public String handle(String name, Call call) {
        return "Hello, " + name;
    }
}
