package io.managerhandlers.internal.bus;

import io.managerhandlers.Call;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call, as its handler sees it, with the deadline it travels with (in {@link System#nanoTime()} terms).
 *
 * @param headers an HTTP request's headers by name; null for calls over the bus
 */
public record CallInfo(String source, String handler, long deadlineNanos, String address,
        Function<String, Optional<String>> headers, String client) implements Call {

    private static final ThreadLocal<CallInfo> CURRENT = new ThreadLocal<>();

    /** A call over the bus to {@code handler}, made from the current thread. */
    public static CallInfo fromBus(String handler, long deadlineNanos) {
        CallInfo caller = CURRENT.get();
        if (caller == null) {
            return new CallInfo(Call.LOCAL, handler, deadlineNanos, null, null, null);
        }
        // The callee never outlives its caller's deadline.
        long deadline = deadlineNanos - caller.deadlineNanos < 0 ? deadlineNanos : caller.deadlineNanos;
        return new CallInfo(caller.handler, handler, deadline, null, null, null);
    }

    /** Marks the current thread as running this call, so that the calls it makes name it as their source. */
    void enter() {
        CURRENT.set(this);
    }

    /** The current thread runs no call any more (a caller that ran one itself: it is no replica). */
    static void leave() {
        CURRENT.remove();
    }

    @Override
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(address);
    }

    @Override
    public Optional<String> header(String name) {
        return headers == null ? Optional.empty() : headers.apply(name);
    }

    @Override
    public Optional<String> clientName() {
        return Optional.ofNullable(client);
    }
}
