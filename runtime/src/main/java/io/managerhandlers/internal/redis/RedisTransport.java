package io.managerhandlers.internal.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.managerhandlers.BusException;
import io.managerhandlers.Endpoint;
import io.managerhandlers.Remote;
import io.managerhandlers.internal.bus.LocalEndpoint;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.observe.RemoteGauges;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.topic.TopicHub;
import io.managerhandlers.internal.trace.Tracing;
import io.managerhandlers.internal.transport.Transport;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One manager's link to Redis, and the owner of everything that uses it.
 *
 * <p>Connections, each for one purpose, as Lettuce needs them: one for commands (asynchronous and
 * pipelined: requests, replies, acknowledgements, topic messages), one for pub/sub (this instance's reply
 * channel, the {@code REDIS} topics, and in compatibility mode the handlers' channels), and one per handler
 * for its blocking {@code XREADGROUP}, which would stall every other command on a shared connection. All
 * reconnect by themselves (the pub/sub one resubscribing), reject commands while disconnected, and time
 * commands out. The pub/sub listener runs on Lettuce's event loop: it completes a future or queues a
 * message, never more.
 */
public final class RedisTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("io.managerhandlers.redis");

    private final RedisLink link;
    private final String shownUrl;
    private final String instance;
    private final RedisTiming timing;
    private final boolean compatMode;
    private final RemoteCalls calls;
    private final RedisTopics topics;
    private final TopicHub hub;
    private final CompatServer compat;
    private final List<StreamServer<?, ?>> servers = new ArrayList<>();
    private final Reclaimer reclaimer;
    private final RecentIds done;
    private final Map<String, Consumer<String>> channels = new HashMap<>();
    private final RedisConnections connections;
    private final int replicaAcks;
    private final Duration replicaWait;
    private final ReplicaWaits replicaWaits;
    private final AtomicBoolean closing = new AtomicBoolean();

    /** {@code tracing}: spans for the calls sent through Redis (their receiving end is the handler's run). */
    public RedisTransport(Settings settings, Map<String, RequestTarget<?, ?>> targets, TopicHub hub,
            Consumer<? super BusException> onDispatchFailure, Tracing tracing) {
        this.shownUrl = RedisClients.shown(settings.redis());
        RedisClients.check(settings.redis());
        this.link = RedisLink.of(settings.redis());
        this.connections = new RedisConnections(link, shownUrl);
        this.replicaAcks = settings.redisReplicaAcks() < 0 ? link.defaultReplicaAcks() : settings.redisReplicaAcks();
        this.replicaWait = settings.busTimeout();
        this.replicaWaits = replicaAcks > 0 ? new ReplicaWaits(this, replicaAcks, replicaWait) : null;
        this.instance = instanceId();
        Duration slowest = settings.busTimeout().compareTo(settings.requestTimeout()) > 0 ? settings.busTimeout()
                : settings.requestTimeout();
        this.timing = RedisTiming.of(slowest);
        this.compatMode = settings.redisCompat();
        this.done = new RecentIds(timing.claimIdle().multipliedBy(2), 200_000);
        this.hub = hub;
        this.calls = new RemoteCalls(this, settings.busTimeout(), compatMode, tracing);
        this.topics = new RedisTopics(this, hub, compatMode);
        this.compat = compatMode ? new CompatServer(this, targets, settings.busTimeout(), onDispatchFailure) : null;
        for (RequestTarget<?, ?> target : targets.values()) {
            servers.add(new StreamServer<>(target, this, settings.busTimeout()));
        }
        this.reclaimer = new Reclaimer(this, servers, timing, onDispatchFailure);
        hub.useRemote(topics);
    }

    /** {@code <host>-<pid>-<random>}: unique per process, readable in {@code XINFO CONSUMERS}. */
    private static String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "host";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "");
        long pid = ProcessHandle.current().pid();
        String random = UUID.randomUUID().toString().substring(0, 8);
        return (host.isEmpty() ? "host" : host) + "-" + pid + "-" + random;
    }

    public String instance() {
        return instance;
    }

    /** The untyped remote bus. */
    @Override
    public Remote remote() {
        return calls;
    }

    /** {@code local} for calls in this process; its {@code remote()} reaches the handler on any instance. */
    @Override
    public <I, O> Endpoint<I, O> endpoint(LocalEndpoint<I, O> local, RequestTarget<I, O> target,
            Duration defaultTimeout) {
        return new RemoteAwareEndpoint<>(local, new RedisRemoteEndpoint<>(target, calls, defaultTimeout));
    }

    @Override
    public Optional<RemoteGauges> gauges(Collection<String> handlers) {
        return Optional.of(new RedisGauges(this, handlers));
    }

    /** Whether the command and pub/sub connections are up right now (see {@link RedisConnections}). */
    public boolean connectedNow() {
        return connections.connectedNow();
    }

    /** The URL as it may be shown (no password). */
    public String shownUrl() {
        return shownUrl;
    }

    RedisTiming timing() {
        return timing;
    }

    Reclaimer reclaimer() {
        return reclaimer;
    }

    /** Starts connecting, on a thread of its own, so that the HTTP server starts meanwhile. */
    @Override
    public void connectAsync() {
        connections.connectAsync(servers, replicaAcks > 0 ? replicaWait : null);
    }

    /**
     * Waits for the connections, then subscribes, creates the consumer groups and starts serving.
     *
     * @throws IllegalStateException Redis cannot be reached or refused us; the message names the URL
     */
    @Override
    public void start() {
        try {
            connections.await();
            subscribe();
            for (StreamServer<?, ?> server : servers) {
                server.start();
            }
        } catch (ExecutionException e) {
            throw cannotStart(e.getCause());
        } catch (TimeoutException e) {
            throw cannotStart(new TimeoutException("no answer within "
                    + RedisConnections.connectTimeoutMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cannotStart(e);
        } catch (RuntimeException e) {
            throw cannotStart(e);
        }
        topics.start(hub.remoteSubscriptions());
        reclaimer.start();
        LOG.log(Level.INFO, "Serving " + servers.size() + " handler(s) through Redis (" + link.kind() + ") at "
                + shownUrl + " as instance " + instance + (compatMode ? ", with the Rust crate's wire format too" : "")
                + (replicaAcks > 0 ? "; a dispatch returns once " + replicaAcks + " replica(s) hold it" : ""));
    }

    private IllegalStateException cannotStart(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == cause ? String.valueOf(cause.getMessage())
                : cause.getMessage() + " (" + root.getMessage() + ")";
        return new IllegalStateException("Cannot connect to Redis at " + shownUrl + ": " + why, cause);
    }

    private void subscribe() {
        channels.put(Wire.replyChannel(instance), calls::onReply);
        for (String topic : hub.remoteSubscriptions()) {
            channels.put(topics.channel(topic), json -> topics.onMessage(topic, json));
        }
        if (compat != null) {
            for (StreamServer<?, ?> server : servers) {
                if (channels.containsKey(server.handler())) {
                    throw new IllegalStateException("In compatibility mode a REDIS topic travels on the channel "
                            + "named after it, and handler '" + server.handler() + "' answers on the channel named "
                            + "after it: rename the topic or the handler");
                }
                channels.put(server.handler(), json -> compat.onRequest(server.handler(), json));
            }
        }
        connections.pubsub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Consumer<String> route = channels.get(channel);
                if (route != null) {
                    route.accept(message);
                }
            }

            @Override
            public void message(String pattern, String channel, String message) {
                calls.onCompatReply(channel, message);
            }
        });
        var async = connections.pubsub().async();
        List<RedisFuture<Void>> subscriptions = new ArrayList<>();
        subscriptions.add(async.subscribe(channels.keySet().toArray(String[]::new)));
        if (compatMode) {
            subscriptions.add(async.psubscribe(RemoteCalls.compatReplyPattern(instance)));
        }
        for (RedisFuture<Void> subscription : subscriptions) {
            await("subscribe", subscription);
        }
    }

    /**
     * Stops taking work from Redis: the readers stop, and in compatibility mode the handlers' channels are
     * left, so that other instances take the requests published there. Calls taken already finish.
     */
    @Override
    public void stopTaking() {
        servers.forEach(StreamServer::stopTaking);
        StatefulRedisPubSubConnection<String, String> subscriber = connections.pubsub();
        if (compat != null && subscriber != null && subscriber.isOpen()) {
            try {
                subscriber.async().unsubscribe(servers.stream().map(StreamServer::handler).toArray(String[]::new))
                        .get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Leaving the handlers' channels failed: " + e);
            }
        }
    }

    /** Closes everything: the calls still waiting fail at once. Safe to call more than once. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        servers.forEach(StreamServer::stopTaking);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        servers.forEach(server -> server.acknowledgements().await(deadline));
        connections.close();           // still connecting (the start failed elsewhere): closed once made
        reclaimer.stop();
        topics.stop();
        calls.failAll("The manager is stopping: Redis is being closed");
    }

    /**
     * The command connection.
     *
     * @throws RedisUnavailableException not connected (not started, stopped, or between reconnects)
     */
    RedisClusterAsyncCommands<String, String> commands(String handler) {
        return connections.commands(handler);
    }

    /**
     * Commands on the one server connection that holds {@code key}: a {@code WAIT} sent after a write there
     * counts that write's replicas.
     *
     * @throws RedisUnavailableException not connected
     */
    RedisClusterAsyncCommands<String, String> pinned(String handler, String key) {
        StatefulConnection<String, String> connection = connections.dispatches(handler);
        try {
            return link.pinned(connection, key);
        } catch (RuntimeException e) {
            throw unavailable(handler, e);
        }
    }

    /** Dispatches that wait for replicas; null when they do not ({@code redisReplicaAcks} 0). */
    ReplicaWaits replicaWaits() {
        return replicaWaits;
    }

    /** The outcome of a command, waited for at most {@code timeout}, failures as in {@link #await(String, RedisFuture)}. */
    <T> T await(String handler, RedisFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(handler, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw unavailable(handler, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException(handler, "Interrupted while waiting for Redis", e);
        }
    }

    RedisLink link() {
        return link;
    }

    /** The command connection, when there is one: for replies and acknowledgements, which nobody waits for. */
    Optional<RedisClusterAsyncCommands<String, String>> commandsOrNull() {
        return connections.commandsOrNull();
    }

    /**
     * The outcome of a command, waited for at most the command timeout.
     *
     * @throws RedisUnavailableException Redis rejected or lost the command (disconnected, timed out)
     * @throws BusException Redis answered with an error
     */
    <T> T await(String handler, RedisFuture<T> future) {
        return await(handler, future, RedisClients.COMMAND_TIMEOUT);
    }

    /** The failure to report for a command that failed: an error answer, or Redis out of reach. */
    BusException unavailable(String handler, Throwable failure) {
        if (failure instanceof BusException bus) {
            return bus;
        }
        if (failure instanceof RedisCommandExecutionException refused) {
            return new BusException(handler, "Redis at " + shownUrl + " refused a command for '" + handler + "': "
                    + refused.getMessage(), refused);
        }
        String why = failure instanceof TimeoutException ? "no answer within " + RedisClients.COMMAND_TIMEOUT.toMillis()
                + " ms" : String.valueOf(failure.getMessage());
        return new RedisUnavailableException(handler, "Redis at " + shownUrl + " is unavailable: " + why, failure);
    }

    /** True when the call with this correlation id ran here lately. */
    boolean recentlyDone(String id) {
        return done.contains(id);
    }

    void markDone(String id) {
        done.add(id);
    }

    void warn(String message) {
        LOG.log(Level.WARNING, message);
    }

    void log(Level level, String message) {
        LOG.log(level, message);
    }
}
