package io.managerhandlers.internal.http;

import io.helidon.common.socket.HelidonSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's progress through a request, written by the connection's own thread and read by the
 * {@link ConnectionGuard}'s watchdog. Times are {@link System#nanoTime()} values; {@link #NONE} means unset.
 *
 * <p>The phase moves {@code WAITING → HEAD → REQUEST → WAITING ...}: waiting for a request's first byte
 * (keep-alive), reading its request line and headers, then reading its body and answering it. Only the
 * watchdog moves it to {@code CLOSED}, and only from the phase it judged, so a connection that moved on
 * in the meantime is left alone.
 */
final class Watch {
    static final long NONE = Long.MIN_VALUE;
    static final int WAITING = 0;
    static final int HEAD = 1;
    static final int REQUEST = 2;
    static final int CLOSED = 3;

    final HelidonSocket socket;
    private final AtomicInteger phase = new AtomicInteger(WAITING);
    /** When the read in progress started; NONE when the connection's thread is not reading. */
    volatile long readingSince = NONE;
    /** When the phase last changed. */
    volatile long phaseSince;
    /** The latest a request body being read may finish; NONE when no body is being read under a deadline. */
    volatile long bodyDeadline = NONE;

    Watch(HelidonSocket socket) {
        this.socket = socket;
        this.phaseSince = System.nanoTime();
    }

    int phase() {
        return phase.get();
    }

    /** Moves from {@code from} to {@code to}; false when the phase was another (the watchdog closed it). */
    boolean move(int from, int to) {
        if (phase.compareAndSet(from, to)) {
            phaseSince = System.nanoTime();
            return true;
        }
        return false;
    }

    /** The first bytes of a request came (read from the socket, or found already buffered). */
    void requestBegins() {
        if (phase.get() == WAITING) {
            move(WAITING, HEAD);
        }
    }

    boolean closed() {
        return phase.get() == CLOSED;
    }
}
