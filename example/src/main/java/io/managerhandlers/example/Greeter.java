package io.managerhandlers.example;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.annotations.Handler;

/** {@code POST /greet} with a name as plain text: a {@code String} handler gets the raw body. */
@Handler("greet")
public final class Greeter implements RequestHandler<String, String> {
    private final SharedState state;

    public Greeter(SharedState state) {
        this.state = state;
    }

    @Override
    public String handle(String name, Call call) {
        String greeting = state.get(ShopState.GREETING).orElse("Hello");
        return greeting + ", " + (name.isBlank() ? "stranger" : name.strip()) + " (via " + call.source() + ")";
    }
}
