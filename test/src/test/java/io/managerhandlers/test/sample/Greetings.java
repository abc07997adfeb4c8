package io.managerhandlers.test.sample;

import io.managerhandlers.annotations.Subscribe;
import java.util.concurrent.LinkedBlockingQueue;

/** Subscribes to {@code greetings}: what it hears goes to a queue a test can wait on. */
public final class Greetings {
    public static final LinkedBlockingQueue<String> HEARD = new LinkedBlockingQueue<>();

    @Subscribe("greetings")
    public void on(String greeting) {
        HEARD.add(greeting);
    }
}
