package io.managerhandlers.internal.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** How the manager's Lettuce client is set up: the hygiene the transport relies on, in one place. */
final class RedisClients {
    /** How long a connection attempt may take, at start and on each reconnect. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The bound of a command that is not a blocking read (a call's own wait is bounded by its deadline). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** How often a Cluster client reads the topology when nothing told it to. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);

    /** The user information of a URL ({@code redis://[[user:]password@]host}), which may hold a password. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^@/]*(?=@)");

    private RedisClients() {
    }

    /**
     * Event loops at least: a manager's busiest connections — commands (requests out, replies out), pub/sub
     * (replies in) and a blocking reader per handler (requests in) — each get a loop of their own rather than
     * two sharing one, as Lettuce's default of max(2, cores) has them on a small machine. Measured here on two
     * cores: request/reply through Redis at 16 in flight about 1.15× with 4 loops rather than 2
     * ({@code docs/BENCHMARKS.md}, Redis).
     */
    static final int MIN_EVENT_LOOPS = 4;

    private static ClientResources shared;
    private static int users;

    /**
     * The event loops and timers of every manager of this JVM, shared (as Lettuce advises: threads are the
     * costly part of a client, and fewer threads handing work to each other is what makes Redis calls fast),
     * created with the first manager and shut down with the last. {@link #eventLoops()} event loops. A
     * reconnect delay from 20 ms growing to at most 2 s. Flushes consolidated on every connection
     * ({@link ConsolidatedFlushes}).
     */
    static synchronized ClientResources acquireResources() {
        if (users++ == 0) {
            shared = DefaultClientResources.builder()
                    .ioThreadPoolSize(eventLoops())
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                    .nettyCustomizer(new ConsolidatedFlushes())
                    .build();
        }
        return shared;
    }

    /**
     * One socket write for all the commands an event loop has been handed at once, rather than one per
     * command. Requests and replies are written by many threads (callers, replicas), each command a task on
     * the connection's event loop that writes and flushes it; Netty's {@link FlushConsolidationHandler}
     * turns the flushes of one turn of the loop (or of one read in progress) into one, and the loop finishes
     * them before it sleeps. Request/reply through Redis at 16 in flight: about 1.25× the round trips per
     * second with it, in alternating runs with and without (see {@code docs/BENCHMARKS.md}, Redis).
     */
    static final class ConsolidatedFlushes implements NettyCustomizer {
        /** Flushes let through at most this many apart, even while a read goes on. */
        private static final int MOST_FLUSHES_HELD = 256;

        @Override
        public void afterChannelInitialized(Channel channel) {
            // First in the pipeline, next to the socket: every flush passes through it.
            channel.pipeline().addFirst(new FlushConsolidationHandler(MOST_FLUSHES_HELD, true));
        }
    }

    /**
     * {@code -Dio.netty.eventLoopThreads} when set (Lettuce's own setting for its default, so that a cap set
     * there still holds), max({@link #MIN_EVENT_LOOPS}, cores) otherwise.
     */
    static int eventLoops() {
        Integer set = Integer.getInteger("io.netty.eventLoopThreads");
        return set != null && set > 0 ? set : Math.max(MIN_EVENT_LOOPS, Runtime.getRuntime().availableProcessors());
    }

    static synchronized void releaseResources(ClientResources resources) {
        if (resources == shared && --users == 0) {
            shared.shutdown(0, 2, TimeUnit.SECONDS);
            shared = null;
        }
    }

    /**
     * A client that reconnects by itself (resubscribing its pub/sub channels), rejects commands at once
     * while disconnected rather than queueing them, and times every command out.
     */
    static RedisClient client(ClientResources resources) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(socketOptions())
                .timeoutOptions(timeoutOptions())
                .build());
        return client;
    }

    /**
     * A Cluster client with the same hygiene, which also follows the Cluster's topology: at once when a
     * node answers MOVED or a connection is lost (a failover), and every few seconds anyway. Its commands
     * wait for a (re)connect rather than fail at once — bounded by their timeout all the same — because it
     * connects to each node on the first command for it, and would reject that command.
     */
    static RedisClusterClient clusterClient(ClientResources resources, List<RedisURI> seeds) {
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .socketOptions(socketOptions())
                .timeoutOptions(timeoutOptions())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        return client;
    }

    private static SocketOptions socketOptions() {
        return SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build();
    }

    /** Each connection's own timeout (setTimeout) bounds its commands, asynchronous ones included. */
    private static TimeoutOptions timeoutOptions() {
        return TimeoutOptions.builder().timeoutCommands().connectionTimeout().build();
    }

    /**
     * Checks a URL before anything connects.
     *
     * @throws IllegalArgumentException it is not a Redis URL; the message shows it, without its password
     */
    static void check(String url) {
        try {
            RedisLink.of(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("redis(\"" + shown(url) + "\") is not a Redis URL such as "
                    + "redis://host:6379, redis-sentinel://host:26379,host:26380#mymaster or "
                    + "redis-cluster://host:7000,host:7001: " + e.getMessage(), e);
        }
    }

    /** The URL as it may be shown: without its password. */
    static String shown(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("***");
    }

    /** Waits for a command's answer; Redis's own error is thrown as it came (a caller may expect one). */
    static <T> T await(RedisFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new RedisException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new RedisException("No answer from Redis within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new RedisException("Interrupted", e);
        }
    }
}
