package io.managerhandlers.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * Sends a file's bytes from the page cache to the connection's socket with {@code sendfile(2)}
 * ({@link FileChannel#transferTo}), as nginx does with {@code sendfile on}: nothing is read into the JVM nor
 * written out of it. Helidon's response API offers no channel, so the answer's head and first bytes go through
 * the response stream as usual and the rest straight to the socket under it.
 *
 * <p>Only where that is safe, else the caller copies as before: a plain TCP connection ({@code PlainSocket} over
 * an accepted channel; TLS encrypts in user space), served on this thread, whose response stream is Helidon's
 * own with nothing around it (a content encoder or an output filter would be bypassed). Helidon's writer must
 * write when asked, not queue: {@link HttpServers} keeps the listener's write queue off.
 */
final class FileSend {
    /** Helidon's HTTP/1.1 response stream when no encoder or filter wraps it. */
    private static final String PLAIN_STREAM =
            "io.helidon.webserver.http1.Http1ServerResponse$ClosingBufferedOutputStream";
    /**
     * The most one {@code sendfile} call is asked to send, as nginx's {@code sendfile_max_chunk}: asking for all
     * the rest at once was slower (512 MiB in a median 0.29 s against 0.24 s, 12 alternating rounds).
     */
    private static final long MAX_CHUNK = 2L << 20;
    /**
     * The bytes sent through the response stream with the answer's head, before {@code sendfile} takes over:
     * few, so that the head leaves at once (the median time to the first byte was 7.8 ms with 256 KiB, 4.2 ms).
     */
    static final int FIRST_BLOCK = 16 * 1024;
    /** Bytes sent with an ordinary write when the socket is full; that write waits until the client reads. */
    private static final int WAIT_WRITE = 16 * 1024;

    private FileSend() {
    }

    /** The current connection's channel if {@code out} may be bypassed for it; null to copy through {@code out}. */
    static SocketChannel channel(OutputStream out) {
        if (!out.getClass().getName().equals(PLAIN_STREAM)) {
            return null;
        }
        Watch watch = Watch.current();
        if (watch == null || watch.socket.isSecure()) {
            return null;
        }
        SocketChannel channel = SocketShutdown.channel(watch.socket);
        return channel != null && channel.isBlocking() ? channel : null;
    }

    /**
     * Sends bytes {@code position} to {@code end} of {@code file} to {@code socket}, after everything written to
     * the response stream so far.
     */
    static void send(FileChannel file, long position, long end, SocketChannel socket) throws IOException {
        ByteBuffer waiting = null;
        while (position < end) {
            long sent = file.transferTo(position, Math.min(end - position, MAX_CHUNK), socket);
            if (sent > 0) {
                position += sent;
                continue;
            }
            // Nothing sent: the socket's buffer is full (on a virtual thread the JDK makes the socket non-blocking,
            // and transferTo returns at once rather than wait), or the file ended early. An ordinary write of the
            // next bytes waits for room (it parks the thread, like every other write), then sendfile goes on.
            if (waiting == null) {
                waiting = ByteBuffer.allocate(WAIT_WRITE);
            }
            waiting.clear().limit((int) Math.min(WAIT_WRITE, end - position));
            if (file.read(waiting, position) <= 0) {
                throw shrank(position, end);
            }
            waiting.flip();
            while (waiting.hasRemaining()) {
                position += socket.write(waiting);
            }
        }
    }

    /** The failure of a download whose file ended at {@code position} of the {@code length} bytes announced. */
    static IOException shrank(long position, long length) {
        return new IOException("The file shrank while it was sent: " + position + " of " + length + " bytes");
    }
}
