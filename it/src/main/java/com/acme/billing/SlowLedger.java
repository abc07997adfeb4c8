package com.acme.billing;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

/**
 * One replica, deliberately not thread-safe: answers how many calls ran inside it at once, which must be
 * 1 however many callers there are. Says on standard output when a call starts, so that a test driving the
 * service as a process knows the call is in flight.
 */
@Handler("slow-ledger")
public final class SlowLedger implements RequestHandler<Integer, Integer> {
    private int running;
    private int mostAtOnce;

    @Override
    public Integer handle(Integer millis, Call call) throws InterruptedException {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        System.out.println("slow-ledger: running for " + millis + " ms");
        System.out.flush();
        Thread.sleep(millis);
        running--;
        return mostAtOnce;
    }
}
