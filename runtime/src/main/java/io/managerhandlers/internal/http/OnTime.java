package io.managerhandlers.internal.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.internal.bus.RequestTarget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One answer per request, given on time: by the request's thread when the call ends, or by the timer
 * thread with a 504 when the request timeout passes while this thread still runs the handler. Whoever
 * takes it answers; the request's thread then waits for a 504 being written before it returns the
 * response to Helidon.
 */
final class OnTime extends AtomicInteger implements Runnable {
    private static final long serialVersionUID = 1L;
    private static final int OPEN = 0;
    private static final int TAKEN = 1;
    private static final int LATE = 2;
    private static final int LATE_SENT = 3;
    private final transient ServerResponse res;
    final transient RequestTarget<?, ?> target;
    private final transient Thread owner = Thread.currentThread();

    OnTime(ServerResponse res, RequestTarget<?, ?> target) {
        this.res = res;
        this.target = target;
    }

    static String message(RequestTarget<?, ?> target) {
        return "Gateway timeout: handler '" + target.name() + "' ran past the request timeout";
    }

    /** The request's thread answers, unless the timer did. */
    boolean take() {
        return compareAndSet(OPEN, TAKEN);
    }

    /** The deadline passed while the request's thread ran the handler: answer 504 now. */
    @Override
    public void run() {
        late(message(target));
    }

    /** Answers 504 with this message now, unless the call was answered already. */
    void late(String message) {
        if (compareAndSet(OPEN, LATE)) {
            target.metrics().timedOut();
            try {
                // The connection stays busy until the handler ends: no client may send on it meanwhile.
                res.header(HeaderValues.CONNECTION_CLOSE);
                Responses.error(res, 504, message);
            } catch (RuntimeException e) {
                // the client is gone: nobody to answer
            } finally {
                set(LATE_SENT);
                LockSupport.unpark(owner);
            }
        }
    }

    /** Waits for the timer's 504 to be written, if it is being written; true when it was. */
    boolean settle() {
        while (get() == LATE) {
            LockSupport.park(this);
        }
        return get() == LATE_SENT;
    }
}
