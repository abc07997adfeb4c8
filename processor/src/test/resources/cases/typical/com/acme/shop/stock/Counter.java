package com.acme.shop.stock;

import io.managerhandlers.Call;
import io.managerhandlers.annotations.Handler;

@Handler("counter")
public class Counter extends AbstractCounter<Integer> {
    @Override
    public Long handle(Integer input, Call call) {
        return input.longValue();
    }
}
