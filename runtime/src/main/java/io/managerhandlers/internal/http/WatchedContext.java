package io.managerhandlers.internal.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
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
    private final ConnectionContext delegate;
    private final Watch watch;
    private final HelidonSocket socket;
    private final DataReader reader;

    WatchedContext(ConnectionContext delegate, Watch watch) {
        this.delegate = delegate;
        this.watch = watch;
        this.socket = delegate.serverSocket();
        this.reader = DataReader.create(this::read);
    }

    Watch watch() {
        return watch;
    }

    /** The next bytes: those Helidon read before handing the connection over, then the socket's. */
    private byte[] read() {
        DataReader buffered = delegate.dataReader();
        byte[] bytes;
        if (buffered.available() > 0) {
            bytes = buffered.readBytes(buffered.available());
        } else {
            watch.readBegins();
            try {
                bytes = socket.get();
            } catch (UncheckedIOException e) {
                // What Helidon's own reader does: the connection ends quietly.
                throw new ServerConnectionException("Reading from the socket failed", e);
            } finally {
                if (!watch.readEnds()) {
                    // The guard answers and closes this connection: nothing more may happen on this thread.
                    throw new ServerConnectionException("Closed: the client was slower than the read timeout", null);
                }
            }
            if (bytes == null) {
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
