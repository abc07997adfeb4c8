package io.managerhandlers.internal.bus;

import io.managerhandlers.Call;
import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Traced;
import io.managerhandlers.internal.trace.Tracing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call, as its handler sees it, with the deadline it travels with (in {@link System#nanoTime()} terms)
 * and the trace it belongs to. A call that starts a trace (from outside anything traced) gets it when first
 * asked — most never are, and a fire-and-forget call from {@code main} then costs no trace at all.
 */
public final class CallInfo implements Call, Traced {
    private static final VarHandle TRACE;

    static {
        try {
            TRACE = MethodHandles.lookup().findVarHandle(CallInfo.class, "trace", Trace.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String source;
    private final String handler;
    private final long deadlineNanos;
    private final String address;
    /** An HTTP request's headers by name; null for calls over the bus. */
    private final Function<String, Optional<String>> headers;
    private final String client;
    /** Null until asked for when this call starts a trace. */
    private volatile Trace trace;

    /** {@code trace}: the trace it continues, or null when it starts one. */
    public CallInfo(String source, String handler, long deadlineNanos, String address,
            Function<String, Optional<String>> headers, String client, Trace trace) {
        this.source = source;
        this.handler = handler;
        this.deadlineNanos = deadlineNanos;
        this.address = address;
        this.headers = headers;
        this.client = client;
        this.trace = trace;
    }

    /** A call that continues the trace of whatever this thread works for (see {@link Tracing#current()}). */
    public CallInfo(String source, String handler, long deadlineNanos, String address,
            Function<String, Optional<String>> headers, String client) {
        this(source, handler, deadlineNanos, address, headers, client, Tracing.current());
    }

    /**
     * A call over the bus to {@code handler}, made from the current thread: in its caller's trace. What the
     * thread runs is in its {@link CurrentTrace.Holder}: a replica's thread sets its holder once and then
     * changes the call in it with a plain store per call, cheaper than a {@code ThreadLocal.set} each time.
     */
    public static CallInfo fromBus(String handler, long deadlineNanos) {
        CurrentTrace.Holder holder = CurrentTrace.holder();
        CallInfo caller = holder == null ? null : (CallInfo) holder.call;
        if (caller == null) {
            Trace current = holder == null ? null : holder.trace;
            return new CallInfo(Call.LOCAL, handler, deadlineNanos, null, null, null,
                    current != null ? current : Tracing.outsideOrNull());
        }
        // The callee never outlives its caller's deadline.
        long deadline = deadlineNanos - caller.deadlineNanos < 0 ? deadlineNanos : caller.deadlineNanos;
        return new CallInfo(caller.handler, handler, deadline, null, null, null, caller.trace());
    }

    /** This call in another trace: the span of its run, or of the send that carries it. */
    public CallInfo withTrace(Trace other) {
        return new CallInfo(source, handler, deadlineNanos, address, headers, client, other);
    }

    /** Makes {@code call} the one this thread's {@code holder} runs (a replica's, per call). */
    static void run(CurrentTrace.Holder holder, CallInfo call) {
        holder.call = call;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String handler() {
        return handler;
    }

    public long deadlineNanos() {
        return deadlineNanos;
    }

    public String address() {
        return address;
    }

    public Function<String, Optional<String>> headers() {
        return headers;
    }

    public String client() {
        return client;
    }

    /** Its trace: the one it continues, or the one it starts, made now if nobody asked before (once). */
    @Override
    public Trace trace() {
        Trace known = trace;
        if (known == null) {
            Trace started = Trace.start();
            known = (Trace) TRACE.compareAndExchange(this, null, started);
            if (known == null) {
                known = started;
            }
        }
        return known;
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
        return trace().traceId();
    }

    @Override
    public String traceparent() {
        return trace().traceparent();
    }

    @Override
    public String toString() {
        return "Call[" + source + " -> " + handler + "]";
    }
}
