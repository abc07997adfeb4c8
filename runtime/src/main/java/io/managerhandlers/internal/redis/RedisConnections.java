package io.managerhandlers.internal.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connections of one manager to Redis, each for one kind of traffic, as Lettuce wants them: commands
 * (requests, replies, acknowledgements), pub/sub (replies and topics come in there), one per stream reader
 * (a blocking {@code XREADGROUP} stalls every other command of its connection), and with replica
 * acknowledgements one for dispatches (Redis blocks a connection during its {@code WAIT} and counts only
 * that connection's writes). Made on a thread of their own while the HTTP server starts.
 */
final class RedisConnections {
    private static final System.Logger LOG = System.getLogger("io.managerhandlers.redis");
    /** How long making the client may take before {@link #await()} gives up: local work only. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    private final RedisLink link;
    private final String shownUrl;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    /** The client made (event loops, classes loaded): local work, which a loaded machine may make slow. */
    private final CompletableFuture<Void> created = new CompletableFuture<>();
    private volatile ClientResources resources;
    private volatile StatefulConnection<String, String> commands;
    private volatile StatefulConnection<String, String> dispatches;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean closed;

    RedisConnections(RedisLink link, String shownUrl) {
        this.link = link;
        this.shownUrl = shownUrl;
    }

    /**
     * Starts connecting on a thread of its own: the client (its event loops), then every connection in
     * parallel. {@code readers} get one connection each, in order; {@code dispatchWait}, when not null, is
     * how long a dispatch may wait for its replicas, and asks for the dispatches' connection.
     */
    void connectAsync(List<StreamServer<?, ?>> readers, Duration dispatchWait) {
        Thread.ofPlatform().daemon().name("mh-redis-connect").start(() -> {
            try {
                resources = RedisClients.acquireResources();
                link.create(resources);
                created.complete(null);
                var command = link.connect();
                var subscriber = link.connectPubSub();
                var dispatcher = dispatchWait != null ? link.connect() : null;
                List<CompletableFuture<? extends StatefulConnection<String, String>>> reading = new ArrayList<>();
                for (int i = 0; i < readers.size(); i++) {
                    reading.add(link.connect());
                }
                List<CompletableFuture<?>> all = new ArrayList<>(reading);
                all.add(command);
                all.add(subscriber);
                if (dispatcher != null) {
                    all.add(dispatcher);
                }
                try {
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                } catch (RuntimeException e) {
                    all.forEach(f -> f.thenAccept(c -> ((StatefulConnection<?, ?>) c).closeAsync()));
                    throw e;
                }
                commands = command.join();
                pubsub = subscriber.join();
                if (dispatcher != null) {
                    dispatches = dispatcher.join();
                    dispatches.setTimeout(dispatchWait.plus(RedisClients.COMMAND_TIMEOUT));
                }
                for (int i = 0; i < readers.size(); i++) {
                    readers.get(i).connection(reading.get(i).join());
                }
                connected.complete(null);
            } catch (Throwable e) {
                created.complete(null);
                connected.completeExceptionally(e);
            }
        });
    }

    /**
     * Waits until connected. The bound is for Redis's answer, not for the JVM loading the client on a busy
     * machine.
     */
    void await() throws ExecutionException, TimeoutException, InterruptedException {
        created.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        connected.get(RedisClients.CONNECT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /** How long {@link #await()} waits for Redis's answer. */
    static long connectTimeoutMillis() {
        return RedisClients.CONNECT_TIMEOUT.toMillis() * 2;
    }

    StatefulRedisPubSubConnection<String, String> pubsub() {
        return pubsub;
    }

    /**
     * Whether the command and pub/sub connections are up right now: false before they are made, while
     * Lettuce reconnects after losing Redis, and once closed.
     */
    boolean connectedNow() {
        StatefulConnection<String, String> command = commands;
        StatefulRedisPubSubConnection<String, String> subscriber = pubsub;
        return !closed && command != null && command.isOpen() && subscriber != null && subscriber.isOpen();
    }

    /**
     * The command connection.
     *
     * @throws RedisUnavailableException not connected (not started, stopped, or between reconnects)
     */
    RedisClusterAsyncCommands<String, String> commands(String handler) {
        return link.async(commandConnection(handler));
    }

    /** The command connection, when there is one: for replies and acknowledgements, which nobody waits for. */
    Optional<RedisClusterAsyncCommands<String, String>> commandsOrNull() {
        StatefulConnection<String, String> connection = commands;
        return connection == null || closed ? Optional.empty() : Optional.of(link.async(connection));
    }

    /**
     * The dispatches' connection (replica acknowledgements on).
     *
     * @throws RedisUnavailableException not connected
     */
    StatefulConnection<String, String> dispatches(String handler) {
        commandConnection(handler);                               // throws when stopped
        StatefulConnection<String, String> connection = dispatches;
        if (connection == null) {
            throw new IllegalStateException("no connection for dispatches that wait for replicas");
        }
        return connection;
    }

    private StatefulConnection<String, String> commandConnection(String handler) {
        StatefulConnection<String, String> connection = commands;
        if (connection == null || closed) {
            throw new RedisUnavailableException(handler, "Redis at " + shownUrl + " is not connected: the manager "
                    + (closed ? "has stopped" : "is not started"), null);
        }
        return connection;
    }

    /** No more commands from now on; the connections close once made (at once if they are). */
    void close() {
        closed = true;
        connected.handle((done, failure) -> {
            shutdown();
            return null;
        });
    }

    private void shutdown() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (StatefulConnection<String, String> command : Arrays.asList(commands, dispatches)) {
            if (command != null) {
                closing.add(command.closeAsync());
            }
        }
        StatefulRedisPubSubConnection<String, String> subscriber = pubsub;
        if (subscriber != null) {
            closing.add(subscriber.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing the Redis connections: " + e);
        }
        link.shutdown();
        ClientResources used = resources;
        if (used != null) {
            RedisClients.releaseResources(used);
        }
    }
}
