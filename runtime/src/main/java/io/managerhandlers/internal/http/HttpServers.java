package io.managerhandlers.internal.http;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.tls.ServerTls;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** Builds and starts the Helidon server that serves a manager. */
public final class HttpServers {
    /** The longest request line (method, target, version), as Helidon's default: longer is 414. */
    static final int MAX_REQUEST_LINE = 2048;
    /** The most bytes of headers, as Helidon's default: more is 431. */
    static final int MAX_HEADERS = 16 * 1024;
    private static final String UPLOADS = "/stream/upload/";

    private HttpServers() {
    }

    /**
     * Starts serving on the configured port, over TLS when {@code tls(...)} was set.
     *
     * @throws IllegalStateException the port cannot be bound, or a TLS file is missing, unreadable or unusable;
     *         the message names the port or the file
     */
    public static WebServer start(Settings settings, HttpFront front, ScheduledExecutorService timers) {
        JsonDirectHandler json = new JsonDirectHandler();
        Duration keepAlive = settings.keepAlive();
        // The only HTTP/1.1 selector, so every connection is watched from its start (see ConnectionGuard).
        ConnectionGuard guard = new ConnectionGuard(settings.readTimeout(), keepAlive,
                path -> path.startsWith(UPLOADS), Http1Config.builder()
                        // Helidon's limits, named: a longer request line is 414, larger headers 431.
                        .maxPrologueLength(MAX_REQUEST_LINE)
                        .maxHeadersSize(MAX_HEADERS)
                        // Helidon's logging listeners log at TRACE only; without them each read and write
                        // calls one listener less.
                        .receiveLog(false)
                        .sendLog(false),
                new StrictRequests());
        var builder = WebServer.builder();
        if (settings.tlsCertificate() != null) {
            // Read and checked before anything binds: a bad file fails start() with its path in the message.
            builder.tls(ServerTls.create(settings));
        }
        WebServer server = builder
                .host(settings.host())
                .port(settings.port())
                // The manager stops the server itself, after draining: Helidon's own hook allows only 0.5 s.
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard)
                .maxTcpConnections(settings.maxTcpConnections())
                // PlainSocket for plain HTTP: large reads through SocketReads and one write per answer upload
                // and download at nginx's speed, where NioSocket reads 8 KiB at a time and copies. The guard
                // cuts trickling connections on it as on NIO since it shuts a socket down before closing it
                // (SocketShutdown says why closing alone missed some). TLS stays on NIO: Helidon's blocking
                // TLS socket is an SSLSocket layered over the channel's, with no channel to shut down.
                .useNio(settings.tlsCertificate() != null)
                // Writes go to the socket when asked (Helidon's default, set here because FileSend relies on it:
                // a download's head is on the wire before sendfile writes around Helidon's writer).
                .writeQueueLength(0)
                .maxPayloadSize(Math.max(settings.maxJsonBytes(), settings.maxUploadBytes()))
                .idleConnectionTimeout(keepAlive)
                .idleConnectionPeriod(keepAlive.dividedBy(2).compareTo(Duration.ofSeconds(1)) < 0
                        ? Duration.ofSeconds(1) : keepAlive.dividedBy(2))
                .directHandlers(handlers -> {
                    for (EventType type : EventType.values()) {
                        handlers.addHandler(type, json);
                    }
                })
                .routing(routing -> routing
                        .any(front)
                        .error(Throwable.class, Responses::unexpected))
                // The parser's reason reaches JsonDirectHandler (which never sends it), so that a header block
                // over the limit can be told from other malformed heads: 431, not 400.
                .errorHandling(errors -> errors.includeEntity(true))
                .build();
        String where = settings.host() + ":" + settings.port();
        try {
            server.start();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException("Cannot serve HTTP on " + where + ": " + e.getMessage(), e);
        }
        // Helidon logs a listener that failed to bind and returns; its server is then not running.
        if (!server.isRunning()) {
            throw new IllegalStateException("Cannot serve HTTP on " + where
                    + ": the port is taken or may not be bound (Helidon's log says why)");
        }
        guard.start(timers);
        return server;
    }
}
