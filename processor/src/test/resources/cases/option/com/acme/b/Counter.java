package com.acme.b;

import com.example.generated.Topics;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import io.managerhandlers.annotations.Subscribe;

@Handler(value = "counter", replicas = 3)
public final class Counter implements RequestHandler<String, Integer> {
    private final Topics topics;

    public Counter(Topics topics) {
        this.topics = topics;
    }

    @Override
    public Integer handle(String input, Call call) {
        topics.counted().publish(input.length());
        return input.length();
    }

    @Subscribe("counted")
    public void counted(int length) {
    }
}
