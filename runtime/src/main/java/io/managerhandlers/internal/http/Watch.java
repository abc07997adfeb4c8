package io.managerhandlers.internal.http;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.CloseConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's progress through its requests, written by the connection's own thread and judged once a
 * second by the {@link ConnectionGuard}. Times are {@link System#nanoTime()} values; {@link #NONE} means unset.
 *
 * <p>The phase moves {@code HEAD → REQUEST → WAITING → HEAD ...}: a request's head is on its way (from its
 * first byte, or on a new connection from the connection's start), then its body is read and the request
 * answered, then the connection waits for the next request (keep-alive). Only the guard moves it to
 * {@code CLOSED}, and only from the phase it judged, so a connection that moved on in the meantime is left
 * alone.
 *
 * <p>A read the connection's thread is blocked in is likewise taken by the guard with a compare-and-set; the
 * thread, once the closed socket wakes it, finds its read taken and stops there, so it never writes after
 * the guard decided to answer {@code 408} in its place.
 */
final class Watch {
    static final long NONE = Long.MIN_VALUE;
    private static final long TAKEN = Long.MIN_VALUE + 1;
    private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();
    static final int WAITING = 0;
    static final int HEAD = 1;
    static final int REQUEST = 2;
    static final int CLOSED = 3;
    /** Answered early and closing: what the client still sends is read and dropped (see {@link LingeringClose}). */
    static final int LINGERING = 4;

    final HelidonSocket socket;
    final DataWriter writer;
    private final AtomicInteger phase = new AtomicInteger(HEAD);
    /** When the phase last changed. */
    volatile long phaseSince = System.nanoTime();
    /** When the read the connection's thread is blocked in began; NONE when it is not reading. */
    private final AtomicLong reading = new AtomicLong(NONE);
    /** Some bytes of the current head came: cutting it short is worth a 408 answer. */
    volatile boolean headBegun;
    /** The request streams its body (an upload): each wait for bytes is bounded, not the whole body. */
    volatile boolean streaming;
    /** The last answer said {@code Connection: close}: no further request may be read on this connection. */
    volatile boolean lastAnswer;
    /** An answer was given with the request's body unread: linger before closing (see {@link LingeringClose}). */
    volatile boolean linger;
    /** While lingering: the socket to close when the client sends for too long (Helidon's may not close twice). */
    volatile java.net.Socket lingeringSocket;
    /** When the guard closed it; NONE while open. */
    volatile long closedAt = NONE;

    /** Counted down once the guard has answered (or not) and closed the connection whose read it took. */
    private final CountDownLatch cut = new CountDownLatch(1);

    Watch(HelidonSocket socket, DataWriter writer) {
        this.socket = socket;
        this.writer = writer;
    }

    /** The connection the current thread serves, from its first byte to its close. */
    static void serving(Watch watch) {
        CURRENT.set(watch);
    }

    static void served() {
        CURRENT.remove();
    }

    /**
     * The connection the current thread serves (Helidon 4 serves an HTTP/1.1 request on its connection's
     * thread); null on any other thread.
     */
    static Watch current() {
        return CURRENT.get();
    }

    int phase() {
        return phase.get();
    }

    /** When the read in progress began; NONE when the connection's thread is not blocked in a read. */
    long readingSince() {
        long since = reading.get();
        return since == TAKEN ? NONE : since;
    }

    /** The connection's thread is about to block in a read. */
    void readBegins() {
        reading.set(System.nanoTime());
    }

    /** The read returned (or failed); false when the guard took it meanwhile: the thread must stop. */
    boolean readEnds() {
        return reading.getAndSet(NONE) != TAKEN;
    }

    /** The guard takes the read that began at {@code since}, if the thread is still blocked in it. */
    boolean takeRead(long since) {
        return since != NONE && reading.compareAndSet(since, TAKEN);
    }

    /** The guard is done with the connection whose read it took. */
    void cutDone() {
        cut.countDown();
    }

    /**
     * Waits until the guard is done with the connection whose read it took, so that its 408 goes out before
     * Helidon, closing the connection for this thread, shuts the output. Bounded: a 408 the client does not
     * read is given up on by the guard's hard close anyway.
     */
    void awaitCut(long nanos) {
        try {
            cut.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves from {@code from} to {@code to}; false when the phase was another (the guard closed it). */
    boolean move(int from, int to) {
        if (phase.compareAndSet(from, to)) {
            phaseSince = System.nanoTime();
            return true;
        }
        return false;
    }

    /** Bytes came from the socket: the next request begins, if the connection was waiting for one. */
    void bytesCame() {
        int now = phase.get();
        if (now == WAITING) {
            move(WAITING, HEAD);
            headBegun = true;
        } else if (now == HEAD) {
            headBegun = true;
        }
    }

    /**
     * The request line is read (possibly from bytes already buffered).
     *
     * @throws CloseConnectionException the previous answer closed the connection: Helidon 4.5 answers
     *         {@code Connection: close} and then reads on
     */
    void prologueRead(boolean streams) {
        if (lastAnswer) {
            throw new CloseConnectionException("Closed: the previous answer said Connection: close");
        }
        streaming = streams;
        bytesCame();
    }

    /**
     * The headers are read: from now on the body is read and the request answered.
     *
     * @throws CloseConnectionException the guard closed the connection first: the request is not served
     */
    void headRead() {
        if (!move(HEAD, REQUEST) && phase.get() == CLOSED) {
            throw new CloseConnectionException("Closed: the request's head came after the read timeout");
        }
    }

    /** The answer's head is being written: the connection waits for the next request once it is sent. */
    void answered() {
        int now = phase.get();
        if (now == REQUEST || now == HEAD) {
            move(now, WAITING);
        }
    }

    /** The connection's thread begins to linger; false when the guard closed the connection already. */
    boolean lingering() {
        int now = phase.get();
        return now != CLOSED && move(now, LINGERING);
    }

    /** The guard takes the connection, if it is still in the phase judged. */
    boolean close(int judged) {
        if (move(judged, CLOSED)) {
            closedAt = System.nanoTime();
            return true;
        }
        return false;
    }
}
