package io.managerhandlers;

import io.managerhandlers.internal.core.ManagerCore;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.bus.Registrations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A service: its handlers, served over HTTP (Helidon 4 SE, a virtual thread per request) and reachable
 * over the bus. Usually built by the generated {@code ManagerBootstrap.manager()}:
 *
 * <pre>{@code
 * Manager manager = ManagerBootstrap.manager().port(8080).apiKey("secret").build();
 * manager.start();
 * manager.awaitShutdown();
 * }</pre>
 */
public final class Manager {
    private final ManagerCore core;

    private Manager(Builder builder) {
        this.core = new ManagerCore(this, builder.settings.build(), builder.registrations, builder.openTelemetry);
        core.instantiate();
    }

    /** An empty builder; {@code ManagerBootstrap.manager()} gives one with the compilation's handlers. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the subscribers and the HTTP server, and returns once it serves.
     *
     * @throws IllegalStateException the port is taken, or a setting cannot be applied; the message says which
     */
    public Manager start() {
        core.start(true);
        return this;
    }

    /** Starts everything but the HTTP server: a worker that serves the bus (and Redis) only. */
    public Manager startWithoutServer() {
        core.start(false);
        return this;
    }

    /**
     * Waits until the manager has stopped, after {@code POST /shutdown}, SIGTERM or {@link #stop()}. An
     * interrupt ends the wait early and leaves the thread's interrupt flag set.
     */
    public void awaitShutdown() {
        core.awaitShutdown();
    }

    /**
     * Stops accepting calls, lets the calls in flight finish (up to the shutdown timeout), stops the
     * subscribers and the server. Safe to call more than once and from any thread.
     */
    public void stop() {
        core.stop();
    }

    /** The HTTP port being served: the one chosen when {@code port(0)} was asked; -1 before start. */
    public int port() {
        return core.port();
    }

    /** The untyped bus. */
    public Bus bus() {
        return core.bus();
    }

    /** The untyped bus across instances (in process without Redis). */
    public Remote remote() {
        return core.remote();
    }

    /** The shared state. */
    public SharedState state() {
        return core.state();
    }

    /**
     * One handler, typed; what the generated {@code Handlers} calls.
     *
     * @throws IllegalArgumentException no request handler has that name, or it has other types
     */
    public <I, O> Endpoint<I, O> endpoint(String name, TypeToken<I> input, TypeToken<O> output) {
        return core.endpoint(name, input, output);
    }

    /**
     * One topic, typed; what the generated {@code Topics} calls. A topic without subscribers here may have
     * some on other instances (REDIS) or none: publishing to it is not an error.
     */
    public <T> Topic<T> topic(String name, TypeToken<T> type) {
        return core.topic(name, type);
    }

    /** Configures and creates a {@link Manager}. Settings left alone keep the defaults shown. */
    public static final class Builder {
        private final Settings.Builder settings = new Settings.Builder();
        private final Registrations registrations = new Registrations();
        private io.opentelemetry.api.OpenTelemetry openTelemetry;

        private Builder() {
        }

        /**
         * The OpenTelemetry whose SDK records this manager's spans: one per HTTP request, handler run, bus
         * call, Redis hop and topic delivery. Without it, the global OpenTelemetry is used when one is set when
         * the manager is built (by the OpenTelemetry Java agent, or {@code GlobalOpenTelemetry.set}); without
         * either, no span is made, and the W3C trace context still travels everywhere.
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /** The HTTP port; 8080 by default; 0 picks a free one ({@link Manager#port()} tells which). */
        public Builder port(int port) {
            settings.port(port);
            return this;
        }

        /** The interface to listen on; {@code 0.0.0.0} by default. */
        public Builder host(String host) {
            settings.host(host);
            return this;
        }

        /** Requires {@code Authorization: Bearer <key>} (or the bare key) on every route but health. */
        public Builder apiKey(String apiKey) {
            settings.apiKey(apiKey);
            return this;
        }

        /** Serves HTTPS from PEM files; with a CA ({@code ca} non-null) client certificates are required. */
        public Builder tls(Path certificateChain, Path privateKey, Path ca) {
            settings.tls(certificateChain, privateKey, ca);
            return this;
        }

        /** Under mutual TLS, the client certificate subject CNs let in. */
        public Builder allowedNames(List<String> names) {
            settings.allowedNames(names);
            return this;
        }

        /** Concurrent HTTP requests, all handlers together; beyond it, 503 at once. 1024 by default. */
        public Builder maxRequests(int maxRequests) {
            settings.maxRequests(maxRequests);
            return this;
        }

        /** How long an idle keep-alive connection stays open; 30 s by default. */
        public Builder keepAlive(Duration keepAlive) {
            settings.keepAlive(keepAlive);
            return this;
        }

        /**
         * How long a client may take to send a request; 10 s by default. It bounds the request's head (request
         * line and headers: from its first byte, or on a new connection from the connection), a JSON body
         * (from the end of the head), and every wait for more bytes of an upload (which as a whole may take
         * longer). A connection past it is closed — after a {@code 408} answer when a head was cut short — so
         * slow or stalled clients cannot hold connections and {@link #maxRequests(int) request slots}. Raise
         * it for large JSON bodies over slow links.
         */
        public Builder readTimeout(Duration readTimeout) {
            settings.readTimeout(readTimeout);
            return this;
        }

        /**
         * Open TCP connections served at once; 10,000 by default. Beyond it, new connections wait in the
         * operating system's accept queue until one closes (an idle keep-alive connection after
         * {@link #keepAlive(Duration)}, a slow one after {@link #readTimeout(Duration)}).
         */
        public Builder maxTcpConnections(int maxTcpConnections) {
            settings.maxTcpConnections(maxTcpConnections);
            return this;
        }

        /** How long an HTTP call may wait for a replica and run; 120 s by default. */
        public Builder requestTimeout(Duration requestTimeout) {
            settings.requestTimeout(requestTimeout);
            return this;
        }

        /** The default timeout of a bus call ({@code publish} without a timeout); 120 s by default. */
        public Builder busTimeout(Duration busTimeout) {
            settings.busTimeout(busTimeout);
            return this;
        }

        /**
         * The one bound of a stop: how long a stopping manager lets calls in flight run, in total; the request
         * timeout by default. HTTP calls still running at it are answered 504 before their connections close.
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            settings.shutdownTimeout(shutdownTimeout);
            return this;
        }

        /** The largest JSON body; larger ones are answered 413. 16 MiB by default. */
        public Builder maxJsonBytes(long maxJsonBytes) {
            settings.maxJsonBytes(maxJsonBytes);
            return this;
        }

        /**
         * The most bytes of JSON bodies being read and handled at once, all requests together; a request whose
         * body would go beyond it is answered 503 with {@code Retry-After} before its body is read, so that
         * large bodies at once cannot run the heap out. An eighth of the maximum heap by default. A body larger
         * than the budget is served when no other is in flight.
         */
        public Builder maxInFlightBodyBytes(long maxInFlightBodyBytes) {
            settings.maxInFlightBodyBytes(maxInFlightBodyBytes);
            return this;
        }

        /** The largest upload; larger ones are answered 413. 10 GiB by default. */
        public Builder maxUploadBytes(long maxUploadBytes) {
            settings.maxUploadBytes(maxUploadBytes);
            return this;
        }

        /**
         * Shares the handlers with other instances through Redis: {@code redis://host:port} (or
         * {@code rediss://}), {@code redis-sentinel://host:port[,host:port...][/db]#masterName}, or
         * {@code redis-cluster://host:port[,host:port...]} (or {@code rediss-cluster://}).
         */
        public Builder redis(String url) {
            settings.redis(url);
            return this;
        }

        /** Also speaks the Rust crate's Redis wire format. */
        public Builder redisCompat(boolean redisCompat) {
            settings.redisCompat(redisCompat);
            return this;
        }

        /**
         * How many replicas must hold a dispatched call before {@code remote().dispatch} returns (Redis
         * {@code WAIT}); 0: do not wait. By default 1 under Sentinel, 0 on a single server and a Cluster.
         */
        public Builder redisReplicaAcks(int replicas) {
            settings.redisReplicaAcks(replicas);
            return this;
        }

        /** Serves the three file routes from a built-in store in this directory. */
        public Builder fileStore(Path directory) {
            settings.fileStore(directory);
            return this;
        }

        /** Overrides the replica count of one handler. */
        public Builder replicas(String handler, int replicas) {
            settings.replicas(handler, replicas);
            return this;
        }

        /** Seeds the shared state before start. */
        public <T> Builder state(StateKey<T> key, T value) {
            settings.state(key, value);
            return this;
        }

        /** Logs every request and the failures of calls in detail. */
        public Builder debug(boolean debug) {
            settings.debug(debug);
            return this;
        }

        /**
         * Logs one line per HTTP request to the logger {@code io.managerhandlers.access} at INFO: method,
         * path, status, bytes, milliseconds and trace id, as {@code key=value} pairs.
         */
        public Builder accessLog(boolean accessLog) {
            settings.accessLog(accessLog);
            return this;
        }

        /**
         * How many calls may wait in one handler's queue (10,000 by default). Beyond it, a caller waits for
         * room until its deadline, or is refused at once with {@link #rejectWhenQueueFull(boolean)}.
         */
        public Builder queueCapacity(int queueCapacity) {
            settings.queueCapacity(queueCapacity);
            return this;
        }

        /** Refuses a call at once with a {@link BusException} when its handler's queue is full. */
        public Builder rejectWhenQueueFull(boolean reject) {
            settings.rejectWhenQueueFull(reject);
            return this;
        }

        /**
         * Where the failures of fire-and-forget calls ({@code dispatch}) go; by default they are logged.
         */
        public Builder onDispatchFailure(Consumer<? super BusException> hook) {
            settings.onDispatchFailure(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Reads the settings from Helidon Config, such as the {@code manager} node of {@code application.yaml}:
         * {@code port}, {@code host}, {@code api-key}, {@code max-requests}, {@code keep-alive},
         * {@code request-timeout}, {@code bus-timeout}, {@code shutdown-timeout}, {@code max-json-bytes},
         * {@code max-upload-bytes}, {@code max-in-flight-body-bytes}, {@code read-timeout}, {@code max-tcp-connections}, {@code redis},
         * {@code redis-compat}, {@code redis-replica-acks}, {@code file-store}, {@code debug}, {@code access-log}, {@code replicas.<handler>}, {@code tls.cert},
         * {@code tls.key}, {@code tls.ca}, {@code allowed-names}. Durations read as ISO-8601 ({@code PT2S}) or
         * in the short form ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1d}).
         * Settings made in code after this call win.
         */
        public Builder config(io.helidon.config.Config config) {
            settings.config(config);
            return this;
        }

        /** Registers a handler whose input and output are plain classes. */
        public <I, O> Builder handler(String name, int replicas, Class<I> input, Class<O> output,
                HandlerFactory<? extends RequestHandler<I, O>> factory) {
            return handler(name, replicas, TypeToken.of(input), TypeToken.of(output), factory);
        }

        /** Registers a handler whose input or output is generic, such as {@code List<Order>}. */
        public <I, O> Builder handler(String name, int replicas, TypeToken<I> input, TypeToken<O> output,
                HandlerFactory<? extends RequestHandler<I, O>> factory) {
            registrations.request(name, replicas, input, output, factory);
            return this;
        }

        /** Registers a handler of {@code String} to {@code String}. */
        public Builder handler(String name, int replicas, HandlerFactory<? extends RequestHandler<String, String>> factory) {
            return handler(name, replicas, String.class, String.class, factory);
        }

        /** Registers the handler of {@code POST /stream/upload/{file_name}}. */
        public Builder uploadHandler(String name, int replicas, HandlerFactory<? extends UploadHandler> factory) {
            registrations.upload(name, replicas, factory);
            return this;
        }

        /** Registers the handler of {@code GET /stream/download/{file_id}}. */
        public Builder downloadHandler(String name, int replicas, HandlerFactory<? extends DownloadHandler> factory) {
            registrations.download(name, replicas, factory);
            return this;
        }

        /** Registers the handler of {@code GET /stream/metadata/{file_id}}. */
        public Builder metadataHandler(String name, int replicas, HandlerFactory<? extends MetadataHandler> factory) {
            registrations.metadata(name, replicas, factory);
            return this;
        }

        /**
         * Registers a subscriber: one instance, made by {@code factory}, whose methods {@code binder} binds to
         * their topics:
         *
         * <pre>{@code
         * .subscriber(m -> new Audit(), (audit, on) -> on
         *         .on("audit.events", Transport.LOCAL, TypeToken.of(AuditEvent.class), audit::on))
         * }</pre>
         */
        public <S> Builder subscriber(HandlerFactory<? extends S> factory, BiConsumer<S, Subscriptions> binder) {
            registrations.subscriber(factory, binder);
            return this;
        }

        /**
         * Creates the manager and its handler instances (one per replica).
         *
         * @throws IllegalStateException a setting is invalid, two handlers share a name, or a constructor threw
         */
        public Manager build() {
            return new Manager(this);
        }
    }
}
