package io.managerhandlers.internal.bus;

import io.managerhandlers.Call;
import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call, as its handler sees it, with the deadline it travels with (in {@link System#nanoTime()} terms)
 * and the trace it belongs to.
 *
 * @param headers an HTTP request's headers by name; null for calls over the bus
 */
public record CallInfo(String source, String handler, long deadlineNanos, String address,
        Function<String, Optional<String>> headers, String client, Trace trace) implements Call {

    /** A call that continues the trace of whatever this thread works for (see {@link Tracing#current()}). */
    public CallInfo(String source, String handler, long deadlineNanos, String address,
            Function<String, Optional<String>> headers, String client) {
        this(source, handler, deadlineNanos, address, headers, client, Tracing.current());
    }

    /**
     * The call a replica's thread is running. Each replica sets its slot once and then changes the call in
     * it with a plain store per call, cheaper than a {@code ThreadLocal.set} each time; only that thread
     * reads it, from the handler it runs.
     */
    static final class Slot {
        CallInfo call;
        /**
         * The same thread's current trace, for what knows no call (topics, Redis): set with {@link #call} by
         * {@link #set}; null in the slot of a caller running a call itself, which swaps it instead.
         */
        final CurrentTrace.Holder trace;

        Slot(CurrentTrace.Holder trace) {
            this.trace = trace;
        }

        void set(CallInfo running) {
            call = running;
            trace.trace = running.trace;
        }
    }

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    /** The current thread's slot: for the thread of a replica, once, before it serves calls. */
    static Slot slotOfThisThread() {
        Slot slot = new Slot(CurrentTrace.holderOfThisThread());
        CURRENT.set(slot);
        return slot;
    }

    /** A call over the bus to {@code handler}, made from the current thread: in its caller's trace. */
    public static CallInfo fromBus(String handler, long deadlineNanos) {
        Slot slot = CURRENT.get();
        CallInfo caller = slot == null ? null : slot.call;
        if (caller == null) {
            return new CallInfo(Call.LOCAL, handler, deadlineNanos, null, null, null, Tracing.current());
        }
        // The callee never outlives its caller's deadline.
        long deadline = deadlineNanos - caller.deadlineNanos < 0 ? deadlineNanos : caller.deadlineNanos;
        return new CallInfo(caller.handler, handler, deadline, null, null, null, caller.trace);
    }

    /** This call in another trace: the span of its run, or of the send that carries it. */
    public CallInfo withTrace(Trace other) {
        return new CallInfo(source, handler, deadlineNanos, address, headers, client, other);
    }

    /**
     * Marks the current thread, a caller running this call itself ({@code RequestTarget.callHere}), as
     * running it, so that the calls it makes name it as their source; {@link #leave} undoes it.
     *
     * @return the trace this thread worked for before, for {@link #leave}
     */
    Trace enter() {
        Slot slot = new Slot(null);
        slot.call = this;
        CURRENT.set(slot);
        return CurrentTrace.swap(trace);
    }

    /** The current thread runs no call any more (a caller that ran one itself: it is no replica). */
    static void leave(Trace before) {
        CURRENT.remove();
        CurrentTrace.swap(before);
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

    @Override
    public String traceId() {
        return trace.traceId();
    }

    @Override
    public String traceparent() {
        return trace.traceparent();
    }
}
