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

    /**
     * The call a replica's thread is running. Each replica sets its slot once and then changes the call in
     * it with a plain store per call, cheaper than a {@code ThreadLocal.set} each time; only that thread
     * reads it, from the handler it runs.
     */
    static final class Slot {
        CallInfo call;
    }

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** The current thread's slot: for the thread of a replica, once, before it serves calls. */
    static Slot slotOfThisThread() {
        Slot slot = new Slot();
        CURRENT.set(slot);
        return slot;
    }

    /** A call over the bus to {@code handler}, made from the current thread. */
    public static CallInfo fromBus(String handler, long deadlineNanos) {
        Slot slot = CURRENT.get();
        CallInfo caller = slot == null ? null : slot.call;
        if (caller == null) {
            return new CallInfo(Call.LOCAL, handler, deadlineNanos, null, null, null);
        }
        // The callee never outlives its caller's deadline.
        long deadline = deadlineNanos - caller.deadlineNanos < 0 ? deadlineNanos : caller.deadlineNanos;
        return new CallInfo(caller.handler, handler, deadline, null, null, null);
    }

    /**
     * Marks the current thread, a caller running this call itself ({@code RequestTarget.callHere}), as
     * running it, so that the calls it makes name it as their source; {@link #leave()} undoes it.
     */
    void enter() {
        Slot slot = new Slot();
        slot.call = this;
        CURRENT.set(slot);
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
