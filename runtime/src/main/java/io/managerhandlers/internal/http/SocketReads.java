package io.managerhandlers.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;
import java.util.Arrays;

/**
 * The arrays a connection's {@code DataReader} is fed, read from its socket in one system call each, as large
 * as the bytes coming: a read that fills its array doubles the next one (up to {@link #LARGE}), a short one
 * shrinks it to what came. Heads and small bodies are read {@link #SMALL} bytes at a time, as Helidon does;
 * a streaming body (an upload, a large JSON document) in {@link #LARGE} blocks, each read straight into the
 * array that the reader keeps, without Helidon's copy of every 8 KiB read.
 *
 * <p>Helidon's {@code PlainSocket} (the listener's {@code useNio(false)}, and every TLS socket of that mode)
 * reads into the array given in one {@code read(2)}; {@code NioSocket} reads 8 KiB into a buffer of its own
 * and reports no end of stream through {@code read(BufferData)}, so any other socket is read through
 * {@code get()}, as Helidon's own reader does. Should a later Helidon drop {@code PlainSocket}, only this
 * class changes (its fallback keeps every connection working, at 8 KiB per read).
 *
 * <p>Each array handed on is a new one, as {@code DataReader} requires: it keeps the arrays it is given (header
 * values are read lazily out of them), so none may be reused. Small reads go through one reused array and are
 * copied out at their exact length, as Helidon does, so that a small request allocates no more than before.
 */
final class SocketReads {
    /** The first read of a request, and any read after a short one: the size of a typical head. */
    static final int SMALL = 8 * 1024;
    /** The most one read asks for: the JDK's socket streams move at most 128 KiB per system call. */
    static final int LARGE = 128 * 1024;

    private final HelidonSocket socket;
    private final boolean direct;
    private final byte[] small;
    private int next = SMALL;

    SocketReads(HelidonSocket socket) {
        this.socket = socket;
        this.direct = socket instanceof PlainSocket;
        this.small = direct ? new byte[SMALL] : null;
    }

    /**
     * The next bytes from the socket, blocking until some come; null at the end of the stream.
     *
     * @throws java.io.UncheckedIOException the socket failed
     */
    byte[] next() {
        if (!direct) {
            return socket.get();
        }
        byte[] bytes = next == SMALL ? small : new byte[next];
        int n = socket.read(BufferData.create(bytes).clear());
        if (n < 0) {
            return null;
        }
        if (n == 0) {
            throw new IllegalStateException("Read 0 bytes from a blocking socket");
        }
        if (n == bytes.length) {
            next = Math.min(LARGE, next * 2);
            return bytes == small ? bytes.clone() : bytes;
        }
        next = Math.max(SMALL, Integer.highestOneBit(n));
        return Arrays.copyOf(bytes, n);
    }
}
