package io.managerhandlers.internal.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one place that knows which kind of Redis the URL names: a single server or one watched by Sentinels
 * (Lettuce's {@link RedisClient}, which asks the Sentinels for the master on every reconnect), or a Cluster
 * ({@link RedisClusterClient}, which routes each key to its slot's master and follows the topology). The
 * rest of the transport sees only what both have in common: {@link StatefulConnection}, the commands of
 * {@link RedisClusterAsyncCommands} (every command we use takes at most one key, so each is routed whole),
 * and {@link StatefulRedisPubSubConnection} (on a Cluster, plain {@code PUBLISH} reaches the subscribers
 * of every node, so the reply channels and topics need no slot).
 */
abstract sealed class RedisLink {
    /** The schemes of a Cluster's seed nodes; the others are Lettuce's own. */
    private static final String CLUSTER = "redis-cluster://";
    private static final String CLUSTER_TLS = "rediss-cluster://";

    /** Parses the URL: a Cluster's seed nodes, or Lettuce's one URI (single server or Sentinels). */
    static RedisLink of(String url) {
        if (url.startsWith(CLUSTER) || url.startsWith(CLUSTER_TLS)) {
            return new Cluster(seeds(url));
        }
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(RedisClients.COMMAND_TIMEOUT);
        return new Single(uri);
    }

    /** {@code redis[s]-cluster://[userinfo@]host:port,host:port}: one URI per seed node. */
    private static List<RedisURI> seeds(String url) {
        boolean tls = url.startsWith(CLUSTER_TLS);
        String rest = url.substring((tls ? CLUSTER_TLS : CLUSTER).length());
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String hosts = at < 0 ? rest : rest.substring(at + 1);
        if (hosts.contains("/") || hosts.contains("?") || hosts.contains("#")) {
            throw new IllegalArgumentException("a Cluster URL names only its seed nodes (host:port,host:port), "
                    + "no database, path or options");
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("an empty seed node");
            }
            RedisURI seed = RedisURI.create((tls ? "rediss://" : "redis://") + userInfo + host.strip());
            seed.setTimeout(RedisClients.COMMAND_TIMEOUT);
            seeds.add(seed);
        }
        return seeds;
    }

    /** The client (its event loops are the shared resources'), made once before the connections. */
    abstract void create(ClientResources resources);

    abstract CompletableFuture<? extends StatefulConnection<String, String>> connect();

    abstract CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> connectPubSub();

    /** The asynchronous commands of a connection made by {@link #connect()}. */
    abstract RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> connection);

    /**
     * Commands that reach the one server connection holding {@code key}, in order, so that a {@code WAIT}
     * after a write counts the replicas of that very write. May block (a Cluster connects to the node).
     */
    abstract RedisClusterAsyncCommands<String, String> pinned(StatefulConnection<String, String> connection, String key);

    /** Whether a reader may hold its commands and flush them itself (one write for its acknowledgements and read). */
    abstract boolean flushesByHand();

    /** Replicas a dispatch waits for when {@code redisReplicaAcks} is not set: one under Sentinel. */
    abstract int defaultReplicaAcks();

    abstract String kind();

    void shutdown() {
        AbstractRedisClient client = client();
        if (client != null) {
            client.shutdownAsync(0, 2, TimeUnit.SECONDS);
        }
    }

    abstract AbstractRedisClient client();

    /** A single server, or the master that Sentinels name. */
    static final class Single extends RedisLink {
        private final RedisURI uri;
        private volatile RedisClient client;

        Single(RedisURI uri) {
            this.uri = uri;
        }

        @Override
        void create(ClientResources resources) {
            client = RedisClients.client(resources);
        }

        @Override
        CompletableFuture<StatefulRedisConnection<String, String>> connect() {
            return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        }

        @Override
        CompletableFuture<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
            return client.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture();
        }

        @SuppressWarnings("unchecked")
        @Override
        RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> connection) {
            return ((StatefulRedisConnection<String, String>) connection).async();
        }

        @Override
        RedisClusterAsyncCommands<String, String> pinned(StatefulConnection<String, String> connection, String key) {
            return async(connection);
        }

        @Override
        boolean flushesByHand() {
            return true;
        }

        @Override
        int defaultReplicaAcks() {
            return uri.getSentinels().isEmpty() ? 0 : 1;
        }

        @Override
        String kind() {
            return uri.getSentinels().isEmpty() ? "server" : "Sentinel master '" + uri.getSentinelMasterId() + "'";
        }

        @Override
        AbstractRedisClient client() {
            return client;
        }
    }

    /** A Redis Cluster, found from its seed nodes. */
    static final class Cluster extends RedisLink {
        private final List<RedisURI> seeds;
        private volatile RedisClusterClient client;

        Cluster(List<RedisURI> seeds) {
            this.seeds = seeds;
        }

        @Override
        void create(ClientResources resources) {
            client = RedisClients.clusterClient(resources, seeds);
            // The topology first: the connections made next in parallel all need it.
            client.getPartitions();
        }

        @Override
        CompletableFuture<StatefulRedisClusterConnection<String, String>> connect() {
            return client.connectAsync(StringCodec.UTF8);
        }

        @Override
        CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> connectPubSub() {
            return client.connectPubSubAsync(StringCodec.UTF8);
        }

        @SuppressWarnings("unchecked")
        @Override
        RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> connection) {
            return ((StatefulRedisClusterConnection<String, String>) connection).async();
        }

        @SuppressWarnings("unchecked")
        @Override
        RedisClusterAsyncCommands<String, String> pinned(StatefulConnection<String, String> connection, String key) {
            var cluster = (StatefulRedisClusterConnection<String, String>) connection;
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            if (master == null) {
                return cluster.async();          // no master for the slot now: the routed command fails clearly
            }
            return cluster.getConnection(master.getNodeId()).async();
        }

        @Override
        boolean flushesByHand() {
            // The routed commands of a Cluster connection go to node connections made on demand; held
            // commands must not wait for a node connection that is still being made.
            return false;
        }

        @Override
        int defaultReplicaAcks() {
            return 0;
        }

        @Override
        String kind() {
            return "Cluster";
        }

        @Override
        AbstractRedisClient client() {
            return client;
        }
    }
}
