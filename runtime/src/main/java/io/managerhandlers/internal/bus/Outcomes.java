package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import java.util.function.Supplier;

/** What a caller gets when its handler threw: the one rule, for calls run by a replica and by their caller. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * A handler's failure as its caller sees it. A call it made that ran out of this call's own deadline
     * means this call timed out ({@code timedOut}); any other failure, that timeout included while the
     * deadline still holds, is the handler's ({@link HandlerException}).
     */
    static BusException failure(String handler, Throwable thrown, long deadlineNanos, long endNanos,
            Supplier<BusTimeoutException> timedOut) {
        if (thrown instanceof BusTimeoutException && deadlineNanos - endNanos <= 0) {
            return timedOut.get();
        }
        return new HandlerException(handler, thrown);
    }
}
