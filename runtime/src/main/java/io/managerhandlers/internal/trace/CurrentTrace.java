package io.managerhandlers.internal.trace;

/**
 * The trace of the call the current thread works for — a handler's run, a subscriber's delivery, an HTTP
 * request — so that what it publishes continues it, whoever asks (topics, Redis, the bus). A thread that
 * serves one call after another keeps one {@link Holder} and changes its trace with a plain store per call.
 */
public final class CurrentTrace {
    private static final ThreadLocal<Holder> HOLDER = new ThreadLocal<>();

    private CurrentTrace() {
    }

    /** One thread's current trace; only that thread reads and writes it. */
    public static final class Holder {
        public Trace trace;
    }

    /** The holder of a thread that serves calls one after another (a replica, a subscriber), set once. */
    public static Holder holderOfThisThread() {
        Holder holder = new Holder();
        HOLDER.set(holder);
        return holder;
    }

    /** The current thread's trace, or null. */
    public static Trace get() {
        Holder holder = HOLDER.get();
        return holder == null ? null : holder.trace;
    }

    /** Makes {@code trace} current on this thread and returns the one it replaces, to put back after. */
    public static Trace swap(Trace trace) {
        Holder holder = HOLDER.get();
        if (holder == null) {
            if (trace == null) {
                return null;
            }
            holder = holderOfThisThread();
        }
        Trace previous = holder.trace;
        holder.trace = trace;
        return previous;
    }
}
