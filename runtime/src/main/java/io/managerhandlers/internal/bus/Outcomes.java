package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.json.JsonInputException;
import java.util.function.Supplier;

/** What a caller gets when its call failed: the rules, in one place for every path a call takes. */
public final class Outcomes {
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

    /** A call whose input is not what its handler takes, as its caller sees it (over the bus or Redis). */
    public static HandlerException unreadableInput(String handler, JsonInputException e) {
        return new HandlerException(handler, "Handler '" + handler + "' cannot read its input: " + e.getMessage(), e);
    }
}
