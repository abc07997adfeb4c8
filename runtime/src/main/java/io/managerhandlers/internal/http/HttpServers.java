package io.managerhandlers.internal.http;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.webserver.WebServer;
import io.managerhandlers.internal.Settings;
import io.managerhandlers.internal.tls.ServerTls;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Builds and starts the Helidon server that serves a manager. */
public final class HttpServers {
    private HttpServers() {
    }

    /**
     * Starts serving on the configured port, over TLS when {@code tls(...)} was set.
     *
     * @throws IllegalStateException the port cannot be bound, or a TLS file is missing, unreadable or unusable;
     *         the message names the port or the file
     */
    public static WebServer start(Settings settings, HttpFront front) {
        JsonDirectHandler json = new JsonDirectHandler();
        Duration keepAlive = settings.keepAlive();
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
                        .error(Throwable.class, (req, res, error) -> {
                            if (!res.isSent()) {
                                Responses.error(res, 500, "Internal server error");
                            }
                        }))
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
        return server;
    }
}
