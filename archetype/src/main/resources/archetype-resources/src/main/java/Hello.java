package ${package};

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/**
 * {@code POST /hello} with a name as plain text: {@code Ada} answers
 * {@code {"status":"Ok","message":"Hello, Ada"}}. Other handlers reach it typed, through the generated
 * {@code Handlers}: {@code handlers.hello().publish("Ada")}.
 */
@Handler("hello")
public final class Hello implements RequestHandler<String, String> {
    @Override
    public String handle(String name, Call call) {
        return "Hello, " + (name.isBlank() ? "stranger" : name.strip());
    }
}
