package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Handler;
import java.util.Set;
import java.util.TreeSet;

/** Records payments on the instance that runs it: the numbers it recorded are in its state. */
@Handler(value = "record-payment", replicas = 2)
public final class RecordPayment implements RequestHandler<Payment, Integer> {
    public static final StateKey<Set<Integer>> RECORDED = StateKey.of("payments.recorded", new TypeToken<Set<Integer>>() { });
    private final SharedState state;

    public RecordPayment(SharedState state) {
        this.state = state;
    }

    @Override
    public Integer handle(Payment payment, Call call) throws InterruptedException {
        Thread.sleep(1);
        return state.update(RECORDED, numbers -> {
            Set<Integer> next = numbers == null ? new TreeSet<>() : new TreeSet<>(numbers);
            if (!next.add(payment.number())) {
                throw new IllegalStateException("payment " + payment.number() + " recorded twice");
            }
            return next;
        }).map(Set::size).orElse(0);
    }
}
