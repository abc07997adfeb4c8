package io.managerhandlers.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.managerhandlers.Manager;
import io.managerhandlers.Remote;
import io.managerhandlers.RemoteEndpoint;
import io.managerhandlers.TypeToken;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request/reply between two parties over one {@code redis-server} (its URL in the environment variable
 * {@code MH_BENCH_REDIS}; {@code run-redis.sh} starts one), with {@code inFlight} round trips outstanding at
 * any time, {@value #BATCH} round trips per invocation. One operation is one round trip: a request from the
 * caller to the responder and its answer back, both through Redis. Payload: a short string.
 *
 * <ul>
 * <li>{@link #ours()}: {@code Remote.publish} from one manager to {@code echo} served by another (both with
 * {@code redis(url)}): {@code XADD} to the handler's stream, the server's {@code XREADGROUP}, the handler on
 * a replica, the reply {@code PUBLISH}ed on the caller's channel, then {@code XACK}.
 * {@link #oursTyped()} is the same through {@code Endpoint.remote()} with records.</li>
 * <li>{@link #rawPingPong()}: plain Lettuce pub/sub at its fastest: the caller {@code PUBLISH}es on
 * {@code ping}; the responder's listener publishes the same id on {@code pong} from the event loop; the
 * caller's listener, on hearing it, publishes the next ping of that chain from the event loop. No threads,
 * no parsing, no correlation map: {@code inFlight} chains at once.</li>
 * <li>{@link #rawPingPongBlocking()}: the same messages, driven like ours: {@code inFlight} virtual threads
 * each publishing and blocking on a future that the caller's listener completes (a correlation map).</li>
 * <li>{@link #perRequestConnections()}: the Rust crate's design as its {@code publish_redis} runs it: per
 * request a new connection for the {@code PUBLISH} and a new pub/sub connection, {@code SUBSCRIBE} a fresh
 * reply channel and wait for the confirmation, {@code PUBLISH} the request naming it, wait for the reply,
 * close both. {@link #perRequestSubscription()}: the same with the {@code PUBLISH} on one shared connection
 * (only the subscription is per request). {@link #perRequestSubscriptionShared()}: the design at its best,
 * on one shared pub/sub connection ({@code UNSUBSCRIBE} after each reply). All driven like ours.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RedisBenchmark {
    /** Round trips per invocation: divisible by every {@code inFlight}. */
    static final int BATCH = 4_096;
    /** Round trips per invocation when each opens a connection. */
    static final int BATCH_NEW_CONNECTIONS = 256;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Param({"1", "16", "64"})
    public int inFlight;

    public record Ping(long sequence, String text) {
    }

    private Manager server;
    private Manager caller;
    private Remote remote;
    private RemoteEndpoint<Ping, Ping> typed;

    private RedisClient lettuce;
    private StatefulRedisPubSubConnection<String, String> callerSub;
    private StatefulRedisPubSubConnection<String, String> responderSub;
    private StatefulRedisConnection<String, String> callerCommands;
    private StatefulRedisConnection<String, String> responderCommands;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Window chains;

    static String url() {
        String url = System.getenv("MH_BENCH_REDIS");
        if (url == null) {
            throw new IllegalStateException("Set MH_BENCH_REDIS=redis://127.0.0.1:<port> (run-redis.sh starts one)");
        }
        return url;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        String url = url();
        TypeToken<Ping> pings = TypeToken.of(Ping.class);
        int replicas = Integer.getInteger("bench.replicas", 4);
        server = Manager.builder().redis(url)
                .handler("echo", replicas, m -> (data, call) -> data)
                .handler("echo-typed", replicas, pings, pings, m -> (ping, call) -> ping)
                .build().startWithoutServer();
        // The caller has the typed handler registered (that is how a service gets its endpoint), so it also
        // serves it: a share of the typed calls run on the caller's own replicas, through Redis all the same.
        caller = Manager.builder().redis(url)
                .handler("echo-typed", replicas, pings, pings, m -> (ping, call) -> ping)
                .build().startWithoutServer();
        remote = caller.remote();
        typed = caller.endpoint("echo-typed", pings, pings).remote();

        lettuce = RedisClient.create(url);
        callerSub = lettuce.connectPubSub(StringCodec.UTF8);
        responderSub = lettuce.connectPubSub(StringCodec.UTF8);
        callerCommands = lettuce.connect(StringCodec.UTF8);
        responderCommands = lettuce.connect(StringCodec.UTF8);
        RedisAsyncCommands<String, String> responder = responderCommands.async();
        RedisAsyncCommands<String, String> requester = callerCommands.async();
        responderSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals("bench:ping")) {
                    responder.publish("bench:pong", message);
                } else {                              // bench:request: the message names the reply channel
                    responder.publish(message, "pong");
                }
            }
        });
        callerSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals("bench:pong")) {
                    Window window = chains;
                    CompletableFuture<String> blocked = waiting.remove(message);
                    if (blocked != null) {
                        blocked.complete(message);
                    } else if (window != null && window.next()) {
                        requester.publish("bench:ping", message);    // the next ping of this chain
                    }
                } else {
                    CompletableFuture<String> blocked = waiting.remove(channel);
                    if (blocked != null) {
                        blocked.complete(message);
                    }
                }
            }
        });
        responderSub.sync().subscribe("bench:ping", "bench:request");
        callerSub.sync().subscribe("bench:pong");
        if (!"x".equals(remote.publish("echo", "x", TIMEOUT))) {
            throw new IllegalStateException("echo does not echo");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        caller.stop();
        server.stop();
        callerSub.close();
        responderSub.close();
        callerCommands.close();
        responderCommands.close();
        lettuce.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ours() throws InterruptedException {
        blockingCallers(() -> {
            if (remote.publish("echo", "ping", TIMEOUT) == null) {
                throw new IllegalStateException("no answer");
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void oursTyped() throws InterruptedException {
        Ping ping = new Ping(42, "ping");
        blockingCallers(() -> {
            if (typed.publish(ping, TIMEOUT).sequence() != 42) {
                throw new IllegalStateException("wrong answer");
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawPingPong() throws InterruptedException {
        Window window = new Window(inFlight, BATCH);
        chains = window;
        RedisAsyncCommands<String, String> requester = callerCommands.async();
        for (int chain = 0; chain < inFlight; chain++) {
            if (window.next()) {
                requester.publish("bench:ping", "c" + chain);
            }
        }
        window.await();
        chains = null;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawPingPongBlocking() throws InterruptedException {
        RedisAsyncCommands<String, String> requester = callerCommands.async();
        blockingCallers(() -> {
            String id = Long.toString(ids.incrementAndGet());
            CompletableFuture<String> reply = new CompletableFuture<>();
            waiting.put(id, reply);
            requester.publish("bench:ping", id);
            reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * The Rust crate's design as it runs there: every request opens a pub/sub connection of its own,
     * subscribes it to a fresh reply channel, publishes, waits, and closes it. (The crate opens a second new
     * connection per request for the publish too; here the publish goes over one shared connection, which
     * only helps this baseline.) Fewer round trips per invocation: new connections are slow.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_NEW_CONNECTIONS)
    public void perRequestSubscription() throws InterruptedException {
        RedisAsyncCommands<String, String> requester = callerCommands.async();
        blockingCallers(BATCH_NEW_CONNECTIONS,
                () -> requestOnANewSubscription(channel -> requester.publish("bench:request", channel)));
    }

    /**
     * The Rust crate's design exactly as its {@code publish_redis} runs it: per request a new connection for
     * the {@code PUBLISH} and a new pub/sub connection for the reply, each opened and awaited in turn,
     * {@code SUBSCRIBE} a fresh reply channel, {@code PUBLISH} the request and wait for its count, wait for
     * the reply, close both. (The crate's responder also opens a new subscription for every request it
     * receives; here it keeps one listener, which only helps this baseline.)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH_NEW_CONNECTIONS)
    public void perRequestConnections() throws InterruptedException {
        blockingCallers(BATCH_NEW_CONNECTIONS, () -> {
            try (StatefulRedisConnection<String, String> publisher = lettuce.connect(StringCodec.UTF8)) {
                requestOnANewSubscription(channel -> publisher.async().publish("bench:request", channel)
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        });
    }

    /** Publishes the request that names its reply channel. */
    private interface Request {
        void publish(String replyChannel) throws Exception;
    }

    /**
     * One request of the crate's design: a new pub/sub connection, {@code SUBSCRIBE} a fresh reply channel
     * and wait for the confirmation, {@code request} naming it, wait for the reply, close the connection.
     */
    private void requestOnANewSubscription(Request request) throws Exception {
        String channel = "bench:reply:" + ids.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        try (StatefulRedisPubSubConnection<String, String> own = lettuce.connectPubSub(StringCodec.UTF8)) {
            own.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String on, String message) {
                    reply.complete(message);
                }
            });
            own.async().subscribe(channel).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            request.publish(channel);
            reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The same design at its best: the fresh reply channel is subscribed (and unsubscribed) on one shared,
     * long-lived pub/sub connection.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void perRequestSubscriptionShared() throws InterruptedException {
        RedisAsyncCommands<String, String> requester = callerCommands.async();
        RedisPubSubAsyncCommands<String, String> subscriptions = callerSub.async();
        blockingCallers(() -> {
            String channel = "bench:reply:" + ids.incrementAndGet();
            CompletableFuture<String> reply = new CompletableFuture<>();
            waiting.put(channel, reply);
            subscriptions.subscribe(channel).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            requester.publish("bench:request", channel);
            reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            subscriptions.unsubscribe(channel);
        });
    }

    /** One blocking round trip. */
    interface RoundTrip {
        void run() throws Exception;
    }

    private void blockingCallers(RoundTrip roundTrip) throws InterruptedException {
        blockingCallers(BATCH, roundTrip);
    }

    /** {@code inFlight} virtual threads, each making its share of the batch's round trips one after another. */
    private void blockingCallers(int batch, RoundTrip roundTrip) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int each = batch / inFlight;
        Thread[] callers = new Thread[inFlight];
        for (int i = 0; i < callers.length; i++) {
            callers[i] = Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < each; n++) {
                        roundTrip.run();
                    }
                } catch (Throwable thrown) {
                    failure.compareAndSet(null, thrown);
                }
            });
        }
        for (Thread thread : callers) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }
}
