package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/**
 * One replica, deliberately not thread-safe: answers how many calls ran inside it at once, which must be
 * 1 however many callers there are.
 */
@Handler("slow-ledger")
public final class SlowLedger implements RequestHandler<Integer, Integer> {
    private int running;
    private int mostAtOnce;

    @Override
    public Integer handle(Integer millis, Call call) throws InterruptedException {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        Thread.sleep(millis);
        running--;
        return mostAtOnce;
    }
}
