package io.managerhandlers.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's connection context, with a reader that tells the connection's {@link Watch} when its thread
 * waits for bytes and when bytes come. Everything else is Helidon's own.
 */
final class WatchedContext implements ConnectionContext {
    private static final Exception TOO_SLOW = stackless("the client was slower than the read timeout");
    private static final Exception CUT_SHORT = stackless("the client stopped sending mid-request");
    private static final byte[] CUT_HEAD = Responses.rawAnswer(400, "Bad Request",
            "Bad request: the request ended before its head was complete");
    private final ConnectionContext delegate;
    private final Watch watch;
    private final HelidonSocket socket;
    private final SocketReads reads;
    private final DataReader reader;

    WatchedContext(ConnectionContext delegate, Watch watch) {
        this.delegate = delegate;
        this.watch = watch;
        this.socket = delegate.serverSocket();
        this.reads = new SocketReads(socket);
        this.reader = new StrictChunkReader(this::read, watch);
    }

    Watch watch() {
        return watch;
    }

    private void answerCutHead() {
        try {
            delegate.dataWriter().writeNow(BufferData.create(CUT_HEAD));
        } catch (RuntimeException e) {
            // The client is gone altogether: nobody to tell.
        }
        throw new ServerConnectionException("The request ended before its head did", CUT_SHORT);
    }

    private static Exception stackless(String message) {
        return new java.io.EOFException(message) {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
    }

    /** The next bytes: those Helidon read before handing the connection over, then the socket's. */
    private byte[] read() {
        DataReader buffered = delegate.dataReader();
        byte[] bytes;
        if (buffered.available() > 0) {
            bytes = buffered.readBytes(buffered.available());
        } else {
            if (watch.lastAnswer && watch.phase() == Watch.WAITING) {
                // Answered with Connection: close: end here rather than wait for a request never to be read.
                throw new CloseConnectionException("Closed: the answer said Connection: close");
            }
            watch.readBegins();
            try {
                bytes = reads.next();
            } catch (UncheckedIOException e) {
                // What Helidon's own reader does: the connection ends quietly.
                throw new ServerConnectionException("Reading from the socket failed", e);
            } finally {
                if (!watch.readEnds()) {
                    // The guard answers and closes this connection: nothing more may happen on this thread, and
                    // Helidon's close must not cut the guard's 408 short. Shut down here too, as the guard may
                    // have found the connection in another phase and left it to this thread.
                    watch.awaitCut(2 * ConnectionGuard.HARD_CLOSE_NANOS);
                    SocketShutdown.both(socket);
                    throw new ServerConnectionException("Closed by the read timeout", TOO_SLOW);
                }
            }
            if (bytes == null) {
                if (watch.phase() == Watch.HEAD && watch.headBegun) {
                    // The client stopped sending mid-head (it may still read): say why, rather than just close.
                    answerCutHead();
                }
                return null;
            }
        }
        watch.bytesCame();
        return bytes;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return delegate.dataWriter();
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return socket;
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }
}
