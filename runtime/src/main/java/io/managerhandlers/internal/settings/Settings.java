package io.managerhandlers.internal.settings;

import io.managerhandlers.BusException;
import io.managerhandlers.StateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Every setting of a manager, checked and frozen by {@link Builder#build()}. */
public record Settings(
        int port,
        String host,
        String apiKey,
        Path tlsCertificate,
        Path tlsKey,
        Path tlsCa,
        List<String> allowedNames,
        int maxRequests,
        Duration keepAlive,
        Duration requestTimeout,
        Duration busTimeout,
        Duration shutdownTimeout,
        long maxJsonBytes,
        long maxUploadBytes,
        String redis,
        boolean redisCompat,
        int redisReplicaAcks,
        Path fileStore,
        Map<String, Integer> replicas,
        Map<StateKey<?>, Object> initialState,
        boolean debug,
        Consumer<? super BusException> onDispatchFailure,
        int queueCapacity,
        boolean rejectWhenQueueFull,
        Duration readTimeout,
        int maxTcpConnections,
        boolean accessLog,
        long maxInFlightBodyBytes) {

    /**
     * The budget of JSON body bytes in flight when none is set: an eighth of the heap. A body in flight may
     * hold several times its size (the bytes, the decoded text, the handler's output and its JSON), so this
     * keeps bodies under about half the heap.
     */
    public static long defaultMaxInFlightBodyBytes() {
        return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    /** The mutable side of {@link io.managerhandlers.Manager.Builder}. */
    public static final class Builder {
        private int port = 8080;
        private String host = "0.0.0.0";
        private String apiKey;
        private Path tlsCertificate;
        private Path tlsKey;
        private Path tlsCa;
        private List<String> allowedNames = List.of();
        private int maxRequests = 1024;
        private Duration keepAlive = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(120);
        private Duration busTimeout = Duration.ofSeconds(120);
        private Duration shutdownTimeout;
        private long maxJsonBytes = 16L << 20;
        private long maxUploadBytes = 10L << 30;
        private String redis;
        private boolean redisCompat;
        private int redisReplicaAcks = -1;
        private Path fileStore;
        private final Map<String, Integer> replicas = new LinkedHashMap<>();
        private final Map<StateKey<?>, Object> initialState = new LinkedHashMap<>();
        private boolean debug;
        private Consumer<? super BusException> onDispatchFailure;
        private int queueCapacity = 10_000;
        private boolean rejectWhenQueueFull;
        private Duration readTimeout = Duration.ofSeconds(10);
        private int maxTcpConnections = 10_000;
        private boolean accessLog;
        private long maxInFlightBodyBytes;

        public void port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
        }

        public void host(String host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        public void apiKey(String apiKey) {
            if (apiKey != null && apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank; pass null for no key");
            }
            this.apiKey = apiKey;
        }

        public void tls(Path certificate, Path key, Path ca) {
            this.tlsCertificate = Objects.requireNonNull(certificate, "certificate chain");
            this.tlsKey = Objects.requireNonNull(key, "private key");
            this.tlsCa = ca;
        }

        public void allowedNames(List<String> names) {
            this.allowedNames = List.copyOf(names);
        }

        public void maxRequests(int maxRequests) {
            this.maxRequests = positive("maxRequests", maxRequests);
        }

        public void keepAlive(Duration keepAlive) {
            this.keepAlive = positive("keepAlive", keepAlive);
        }

        public void requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("requestTimeout", requestTimeout);
        }

        public void busTimeout(Duration busTimeout) {
            this.busTimeout = positive("busTimeout", busTimeout);
        }

        public void shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive("shutdownTimeout", shutdownTimeout);
        }

        public void maxJsonBytes(long maxJsonBytes) {
            this.maxJsonBytes = positive("maxJsonBytes", maxJsonBytes);
        }

        public void maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = positive("maxUploadBytes", maxUploadBytes);
        }

        public void redis(String url) {
            this.redis = url;
        }

        public void redisCompat(boolean redisCompat) {
            this.redisCompat = redisCompat;
        }

        /** Replicas that must hold a dispatched call before {@code dispatch} returns; -1: the default of the URL. */
        public void redisReplicaAcks(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("redisReplicaAcks must be 0 or more, not " + replicas);
            }
            this.redisReplicaAcks = replicas;
        }

        public void fileStore(Path directory) {
            this.fileStore = directory;
        }

        public void replicas(String handler, int count) {
            replicas.put(Objects.requireNonNull(handler, "handler"), (int) positive("replicas of " + handler, count));
        }

        public <T> void state(StateKey<T> key, T value) {
            initialState.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        }

        public void debug(boolean debug) {
            this.debug = debug;
        }

        public void onDispatchFailure(Consumer<? super BusException> hook) {
            this.onDispatchFailure = hook;
        }

        public void queueCapacity(int queueCapacity) {
            this.queueCapacity = positive("queueCapacity", queueCapacity);
        }

        public void rejectWhenQueueFull(boolean reject) {
            this.rejectWhenQueueFull = reject;
        }

        public void readTimeout(Duration readTimeout) {
            this.readTimeout = positive("readTimeout", readTimeout);
        }

        public void maxTcpConnections(int maxTcpConnections) {
            this.maxTcpConnections = positive("maxTcpConnections", maxTcpConnections);
        }

        public void accessLog(boolean accessLog) {
            this.accessLog = accessLog;
        }

        public void maxInFlightBodyBytes(long maxInFlightBodyBytes) {
            this.maxInFlightBodyBytes = positive("maxInFlightBodyBytes", maxInFlightBodyBytes);
        }

        public void config(io.helidon.config.Config config) {
            config.get("port").asInt().ifPresent(this::port);
            config.get("host").asString().ifPresent(this::host);
            config.get("api-key").asString().ifPresent(this::apiKey);
            config.get("max-requests").asInt().ifPresent(this::maxRequests);
            duration(config, "keep-alive").ifPresent(this::keepAlive);
            duration(config, "request-timeout").ifPresent(this::requestTimeout);
            duration(config, "bus-timeout").ifPresent(this::busTimeout);
            duration(config, "shutdown-timeout").ifPresent(this::shutdownTimeout);
            config.get("max-json-bytes").asLong().ifPresent(this::maxJsonBytes);
            config.get("max-upload-bytes").asLong().ifPresent(this::maxUploadBytes);
            config.get("redis").asString().ifPresent(this::redis);
            config.get("redis-compat").asBoolean().ifPresent(this::redisCompat);
            config.get("redis-replica-acks").asInt().ifPresent(this::redisReplicaAcks);
            config.get("file-store").asString().map(Path::of).ifPresent(this::fileStore);
            config.get("debug").asBoolean().ifPresent(this::debug);
            config.get("access-log").asBoolean().ifPresent(this::accessLog);
            config.get("queue-capacity").asInt().ifPresent(this::queueCapacity);
            config.get("reject-when-queue-full").asBoolean().ifPresent(this::rejectWhenQueueFull);
            duration(config, "read-timeout").ifPresent(this::readTimeout);
            config.get("max-tcp-connections").asInt().ifPresent(this::maxTcpConnections);
            config.get("max-in-flight-body-bytes").asLong().ifPresent(this::maxInFlightBodyBytes);
            config.get("allowed-names").asList(String.class).ifPresent(this::allowedNames);
            config.get("replicas").asMap().ifPresent(m -> m.forEach((key, value) ->
                    replicas(key.substring(key.lastIndexOf('.') + 1), Integer.parseInt(value))));
            var tls = config.get("tls");
            if (tls.get("cert").exists() || tls.get("key").exists()) {
                if (!tls.get("cert").exists() || !tls.get("key").exists()) {
                    throw new IllegalArgumentException("Config " + tls.key() + " needs both cert and key (PEM paths)");
                }
                tls(Path.of(tls.get("cert").asString().get()), Path.of(tls.get("key").asString().get()),
                        tls.get("ca").asString().map(Path::of).orElse(null));
            }
        }

        /** A duration in ISO-8601 or the short form ({@code 2s}); see {@link Durations}. */
        private static java.util.Optional<Duration> duration(io.helidon.config.Config config, String key) {
            var node = config.get(key);
            return node.asString().map(text -> Durations.parse(node.key().toString(), text));
        }

        public Settings build() {
            if (!allowedNames.isEmpty() && tlsCa == null) {
                throw new IllegalStateException("allowedNames needs mutual TLS: pass a CA to tls(cert, key, ca)");
            }
            return new Settings(port, host, apiKey, tlsCertificate, tlsKey, tlsCa, allowedNames, maxRequests,
                    keepAlive, requestTimeout, busTimeout, shutdownTimeout == null ? requestTimeout : shutdownTimeout,
                    maxJsonBytes, maxUploadBytes, redis, redisCompat, redisReplicaAcks, fileStore, Map.copyOf(replicas),
                    Map.copyOf(initialState), debug, onDispatchFailure, queueCapacity, rejectWhenQueueFull,
                    readTimeout, maxTcpConnections, accessLog,
                    maxInFlightBodyBytes > 0 ? maxInFlightBodyBytes : defaultMaxInFlightBodyBytes());
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, not " + value);
            }
            return value;
        }

        private static int positive(String name, int value) {
            return (int) positive(name, (long) value);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
            }
            return value;
        }
    }
}
