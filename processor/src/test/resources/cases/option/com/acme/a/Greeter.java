package com.acme.a;

import com.example.generated.Handlers;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/** Refers to the generated Handlers in the package named by the option. */
@Handler("greeter")
public final class Greeter implements RequestHandler<String, String> {
    private final Handlers handlers;

    public Greeter(Handlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public String handle(String name, Call call) {
        return "Hello " + handlers.counter().publish(name);
    }
}
