package io.managerhandlers.internal.trace;

/**
 * What the current thread works for: the call it runs (the bus's, opaque here) and its trace — a handler's
 * run, a subscriber's delivery, an HTTP request — so that what it publishes continues it, whoever asks
 * (the bus, topics, Redis). One thread-local for both, read once per call made. A thread that serves one call
 * after another keeps one {@link Holder} and changes what is in it with plain stores.
 */
public final class CurrentTrace {
    private static final ThreadLocal<Holder> HOLDER = new ThreadLocal<>();

    private CurrentTrace() {
    }

    /** One thread's current call and trace; only that thread reads and writes them. */
    public static final class Holder {
        /** The bus's call this thread runs, or null; its trace comes before {@link #trace}. */
        public Traced call;
        /** The trace of what runs without a call (a delivery, an HTTP request), or null. */
        public Trace trace;
    }

    /** The holder of a thread that serves calls one after another (a replica, a subscriber), set once. */
    public static Holder holderOfThisThread() {
        Holder holder = new Holder();
        HOLDER.set(holder);
        return holder;
    }

    /** This thread's holder, or null when it has none. */
    public static Holder holder() {
        return HOLDER.get();
    }

    /** This thread's holder, made if it has none. */
    public static Holder holderMade() {
        Holder holder = HOLDER.get();
        return holder != null ? holder : holderOfThisThread();
    }

    /** The current thread's trace (its call's, else its own), or null. */
    public static Trace get() {
        Holder holder = HOLDER.get();
        return holder == null ? null : holder.call != null ? holder.call.trace() : holder.trace;
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
