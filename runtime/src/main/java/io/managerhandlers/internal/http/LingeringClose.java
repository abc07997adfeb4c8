package io.managerhandlers.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.HelidonSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Lingering close, as nginx ({@code ngx_http_set_lingering_close}) and Apache do it. A connection closed
 * while the client is still sending a body it was refused would be reset by the kernel (unread bytes in the
 * receive buffer turn a close into an RST), and a client that writes its whole body before reading its
 * answer (most SDKs, the JDK's HttpClient, Python's http.client) would lose the answer. So after such an
 * answer the connection half-closes its output (the client reads the answer, then end of stream), reads and
 * drops what the client still sends until it stops, and only then closes — bounded, so that a client sending
 * forever gains nothing: at most {@link #MAX_TIME_NANOS} in all, {@link #MAX_IDLE_NANOS} without a byte,
 * {@link #MAX_BYTES} bytes. The bounds are enforced by the {@link ConnectionGuard}'s sweep, which closes the
 * socket under the blocked read.
 *
 * <p>An answer asks for it with {@link #request()} on the connection's own thread (Helidon 4 serves an
 * HTTP/1.1 request on its connection's thread), and the connection lingers when Helidon's connection loop
 * ends, before Helidon closes the socket.
 */
final class LingeringClose {
    private static final System.Logger LOG = System.getLogger(LingeringClose.class.getName());
    /** The longest a refused client may keep sending: nginx's {@code lingering_time} is 30 s. */
    static final long MAX_TIME_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The longest wait for the client's next bytes: nginx's {@code lingering_timeout}. */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The most bytes read and dropped. */
    static final long MAX_BYTES = 1L << 30;
    private static final int BUFFER = 64 * 1024;

    private LingeringClose() {
    }

    /** The answer being given leaves the request's body unread and closes: linger first. */
    static void request() {
        Watch watch = Watch.current();
        if (watch != null) {
            watch.linger = true;
        }
    }

    /** Lingers if an answer asked for it; on the connection's thread, as Helidon's loop for it has ended. */
    static void lingerIfAsked(Watch watch) {
        if (!watch.linger || !watch.lingering()) {
            return;
        }
        HelidonSocket socket = watch.socket;
        try {
            // TLS 1.2 has no half-close: a TLS client reads the answer by its length, then we close.
            if (!socket.isSecure()) {
                shutdownOutput(watch);
            }
            BufferData buffer = BufferData.create(BUFFER);
            long dropped = 0;
            while (dropped < MAX_BYTES) {
                buffer.clear();
                watch.readBegins();
                int n;
                try {
                    n = socket.read(buffer);
                } finally {
                    watch.readEnds();
                }
                if (n <= 0) {
                    return;                                   // the client is done: close now
                }
                dropped += n;
            }
        } catch (IOException | RuntimeException e) {
            // Closed at a bound by the guard, or reset by the client: either way the connection ends.
            LOG.log(Level.TRACE, "Lingering ended: " + e);
        }
    }

    /** Closes a lingering connection past its bounds; the connection's thread then closes it for Helidon. */
    static void cut(Watch watch) {
        Socket raw = watch.lingeringSocket;
        SocketShutdown.both(watch.socket);
        try {
            if (raw != null) {
                raw.close();
            } else {
                watch.socket.close();
            }
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }

    /** Whether a lingering connection is past its bounds. */
    static boolean overdue(Watch watch, long now) {
        long reading = watch.readingSince();
        return now - watch.phaseSince > MAX_TIME_NANOS || reading != Watch.NONE && now - reading > MAX_IDLE_NANOS;
    }

    /**
     * Ends the connection's output (the client reads end of stream after the answer); input stays open.
     * Helidon's sockets close both directions at once, so the half-close goes to the socket or channel under
     * them ({@link SocketShutdown} finds it); where the module system hides it, the connection lingers without
     * the half-close: the answer still reaches a client that reads it by its length, and the connection closes
     * once the client stops sending.
     */
    private static void shutdownOutput(Watch watch) throws IOException {
        HelidonSocket socket = watch.socket;
        Socket raw = SocketShutdown.plainSocket(socket);
        if (raw != null) {
            // Helidon's close would shut the output again, which a Socket refuses: the guard closes this one.
            watch.lingeringSocket = raw;
            if (!raw.isOutputShutdown()) {
                raw.shutdownOutput();
            }
            return;
        }
        SocketChannel channel = SocketShutdown.channel(socket);
        if (channel == null) {
            throw new IOException("no half-close for " + socket.getClass().getSimpleName());
        }
        channel.shutdownOutput();
    }
}
